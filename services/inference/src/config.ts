import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectedServiceEnvShape, connectedServiceSections, env, loadConfig } from '@mlops/config';
import { modelNameSchema } from '@mlops/contracts';
import { z } from 'zod';

const modelList = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name.length > 0),
  )
  .pipe(z.array(modelNameSchema));

const schema = z
  .object({
    ...connectedServiceEnvShape(4006, 'mlops_inference'),
    REGISTRY_URL: env.url(['http', 'https']).default('http://127.0.0.1:4004'),
    REGISTRY_TIMEOUT_MS: env.positiveInt(60_000),
    RECOGNITION_URL: env.url(['http', 'https']).default('http://127.0.0.1:4002'),
    RECOGNITION_TIMEOUT_MS: env.positiveInt(130_000),
    MAX_DOCUMENT_BYTES: env.positiveInt(20 * 1024 * 1024),
    MODELS: modelList,
    MODELS_ON_DEMAND_MAX: z.coerce.number().int().min(0).max(1000).default(8),
    MODEL_CACHE_DIR: z.string().min(1).default(join(tmpdir(), 'mlops-inference-models')),
    MODEL_CACHE_MAX_BYTES: env.positiveInt(4 * 1024 * 1024 * 1024),
    MODEL_CACHE_MAX_VERSIONS: env.positiveInt(16),
    MODEL_WARMUP_PREDICTIONS: z.coerce.number().int().min(0).default(3),
    MODEL_THREAD_MAX_HEAP_MB: z.coerce.number().int().min(0).default(0),
    MODEL_EXECUTION: z.enum(['thread', 'inline']).default('thread'),
    PROMOTION_QUEUE: z.string().min(1).default('inference.model-promoted'),
    MODEL_RESYNC_MS: env.positiveInt(30_000),
    BATCH_MAX_SIZE: env.positiveInt(32),
    BATCH_MAX_DELAY_MS: z.coerce.number().min(0).default(0),
    BATCH_MAX_IN_FLIGHT: z.coerce.number().int().min(1).max(16).default(2),
    MAX_TEXTS_PER_REQUEST: env.positiveInt(256),
    MAX_TEXT_CHARS: env.positiveInt(100_000),
    CANARY_SHARE: z.coerce.number().min(0).max(1).default(0.1),
    ROUTING_KEY_HEADER: z
      .string()
      .regex(/^[A-Za-z0-9-]+$/)
      .default('x-routing-key')
      .transform((name) => name.toLowerCase()),
    SHADOW_MAX_IN_FLIGHT_TEXTS: env.positiveInt(256),
    PREDICTION_LOG_SAMPLE_RATE: z.coerce.number().min(0).max(1).default(0.1),
    PREDICTION_LOG_MAX_PER_SECOND: z.coerce.number().int().min(0).default(100),
    PREDICTION_LOG_RAW_TEXT: env.bool(false),
    PREDICTION_LOG_TTL_DAYS: env.positiveInt(30),
    PREDICTION_LOG_TOP_K: env.positiveInt(5),
    PREDICTION_LOG_BUFFER: env.positiveInt(10_000),
    PREDICTION_LOG_FLUSH_MS: env.positiveInt(1000),
    MONITORING_QUEUE_TEXTS: env.positiveInt(10_000),
    DRIFT_WINDOW: env.positiveInt(1000),
    DRIFT_MIN_SAMPLES: env.positiveInt(200),
    DRIFT_WARNING_PSI: z.coerce.number().positive().default(0.1),
    DRIFT_ALERT_PSI: z.coerce.number().positive().default(0.25),
    DRIFT_EVENT_COOLDOWN_MS: z.coerce.number().int().min(0).default(3_600_000),
    ROLLOUT_TICK_MS: env.positiveInt(2000),
    ROLLOUT_LEASE_MS: env.positiveInt(15_000),
    ORT_INTRA_OP_THREADS: z.coerce.number().int().min(1).max(64).default(1),
    ORT_INTER_OP_THREADS: z.coerce.number().int().min(1).max(64).default(1),
    ORT_GRAPH_OPTIMIZATION: z.enum(['all', 'basic', 'none']).default('all'),
  })
  .refine((e) => e.ROLLOUT_TICK_MS < e.ROLLOUT_LEASE_MS, {
    path: ['ROLLOUT_LEASE_MS'],
    message: 'must exceed ROLLOUT_TICK_MS, or the lease lapses between two renewals',
  })
  .refine((e) => e.DRIFT_MIN_SAMPLES <= e.DRIFT_WINDOW, {
    path: ['DRIFT_MIN_SAMPLES'],
    message: 'must not exceed DRIFT_WINDOW',
  })
  .refine((e) => e.DRIFT_WARNING_PSI <= e.DRIFT_ALERT_PSI, {
    path: ['DRIFT_WARNING_PSI'],
    message: 'must not exceed DRIFT_ALERT_PSI',
  })
  .transform((e) => ({
    ...connectedServiceSections('inference', e),
    registry: {
      url: e.REGISTRY_URL.replace(/\/$/, ''),
      /** Bound on one registry call (a file download included). */
      timeoutMs: e.REGISTRY_TIMEOUT_MS,
    },
    recognition: {
      /** document-recognition, which extracts the text of the files sent to `predict-document`. */
      url: e.RECOGNITION_URL.replace(/\/$/, ''),
      /** Bound on one extraction, the upload to document-recognition included. */
      timeoutMs: e.RECOGNITION_TIMEOUT_MS,
      /** Largest file `predict-document` accepts (413 above). */
      maxDocumentBytes: e.MAX_DOCUMENT_BYTES,
    },
    models: {
      /** Models whose `production` version is loaded at boot and followed on `model.promoted`; readiness waits for them. */
      served: e.MODELS,
      /** How many models not in `MODELS` are served from their first request and followed from then on (0: none). */
      onDemandMax: e.MODELS_ON_DEMAND_MAX,
      /** Verified model folders on disk, as `<name>/<version>/<path>`. */
      cacheDir: e.MODEL_CACHE_DIR,
      /** Bounds of the disk cache: past them, least recently used versions that no slot serves are deleted. */
      cacheLimits: { maxBytes: e.MODEL_CACHE_MAX_BYTES, maxVersions: e.MODEL_CACHE_MAX_VERSIONS },
      /** Predictions a freshly loaded version runs before it takes traffic. */
      warmupPredictions: e.MODEL_WARMUP_PREDICTIONS,
      /** Heap bound of each model version's thread in MB (0: Node's default); a thread past it stops alone. */
      threadMaxHeapMb: e.MODEL_THREAD_MAX_HEAP_MB,
      /** Where versions load and classify: `thread` (each its own worker thread) or `inline` (the HTTP event loop). */
      execution: e.MODEL_EXECUTION,
      /** Queue bound to `model.promoted`; give each replica its own so that every replica hears every promotion. */
      promotionQueue: e.PROMOTION_QUEUE,
      /** Period of the check that each served model runs the version its `production` alias points at. */
      resyncMs: e.MODEL_RESYNC_MS,
    },
    traffic: {
      /** Share of request keys answered by a model's canary version, when it has one. */
      canaryShare: e.CANARY_SHARE,
      /** Header carrying the request key that keeps a caller on one side of the canary split. */
      routingKeyHeader: e.ROUTING_KEY_HEADER,
      /** Texts scored off the request path at once (shadow copies, canary references); beyond, copies are skipped. */
      shadowMaxInFlightTexts: e.SHADOW_MAX_IN_FLIGHT_TEXTS,
    },
    monitoring: {
      log: {
        /** Share of requests logged (all texts of a request, and its shadow copies, together). */
        sampleRate: e.PREDICTION_LOG_SAMPLE_RATE,
        /**
         * Texts of answered requests logged per second and model at most, per process (0: no cap),
         * so the log's write load does not grow with the traffic; sampled requests beyond are left
         * out whole (counted); shadow copies of logged requests are logged too.
         */
        maxTextsPerSecond: e.PREDICTION_LOG_MAX_PER_SECOND,
        /** Store the raw text besides its sha256. */
        rawText: e.PREDICTION_LOG_RAW_TEXT,
        /** Days a logged prediction is kept. */
        ttlDays: e.PREDICTION_LOG_TTL_DAYS,
        /** Most probable labels stored per prediction. */
        topK: e.PREDICTION_LOG_TOP_K,
        /** Documents waiting for MongoDB at most; beyond, new ones are dropped and counted. */
        maxBuffered: e.PREDICTION_LOG_BUFFER,
        flushMs: e.PREDICTION_LOG_FLUSH_MS,
      },
      /** Texts waiting to be measured off the request path at most; beyond, requests are not monitored (counted). */
      maxPendingTexts: e.MONITORING_QUEUE_TEXTS,
      drift: {
        /** Most recent texts per version and traffic that drift is measured on. */
        window: e.DRIFT_WINDOW,
        /** Texts a window needs before it gets a verdict. */
        minSamples: e.DRIFT_MIN_SAMPLES,
        thresholds: { warning: e.DRIFT_WARNING_PSI, drift: e.DRIFT_ALERT_PSI },
        /** Least time between two `model.drift-detected` of one version, traffic and statistic. */
        eventCooldownMs: e.DRIFT_EVENT_COOLDOWN_MS,
      },
    },
    rollout: {
      /** Period at which each replica adds its rollout counts to MongoDB and the lease holder decides. */
      tickMs: e.ROLLOUT_TICK_MS,
      /** How long a replica keeps deciding a rollout without renewing its lease (another takes over after). */
      leaseMs: e.ROLLOUT_LEASE_MS,
    },
    batching: { maxSize: e.BATCH_MAX_SIZE, maxDelayMs: e.BATCH_MAX_DELAY_MS, maxInFlight: e.BATCH_MAX_IN_FLIGHT },
    limits: { maxTextsPerRequest: e.MAX_TEXTS_PER_REQUEST, maxTextChars: e.MAX_TEXT_CHARS },
    onnx: {
      intraOpThreads: e.ORT_INTRA_OP_THREADS,
      interOpThreads: e.ORT_INTER_OP_THREADS,
      graphOptimization: e.ORT_GRAPH_OPTIMIZATION,
    },
  }));

export type InferenceConfig = z.output<typeof schema>;

/** Parses inference's environment once into its frozen config. */
export function loadInferenceConfig(
  source: Record<string, string | undefined> = process.env,
): Readonly<InferenceConfig> {
  return loadConfig(schema, source);
}
