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
    MODELS: modelList,
    MODEL_CACHE_DIR: z.string().min(1).default(join(tmpdir(), 'mlops-inference-models')),
    MODEL_WARMUP_PREDICTIONS: z.coerce.number().int().min(0).default(3),
    PROMOTION_QUEUE: z.string().min(1).default('inference.model-promoted'),
    MODEL_RESYNC_MS: env.positiveInt(30_000),
    BATCH_MAX_SIZE: env.positiveInt(32),
    BATCH_MAX_DELAY_MS: z.coerce.number().min(0).default(0),
    MAX_TEXTS_PER_REQUEST: env.positiveInt(256),
    MAX_TEXT_CHARS: env.positiveInt(100_000),
    ORT_INTRA_OP_THREADS: z.coerce.number().int().min(1).max(64).default(1),
    ORT_INTER_OP_THREADS: z.coerce.number().int().min(1).max(64).default(1),
    ORT_GRAPH_OPTIMIZATION: z.enum(['all', 'basic', 'none']).default('all'),
  })
  .transform((e) => ({
    ...connectedServiceSections('inference', e),
    registry: {
      url: e.REGISTRY_URL.replace(/\/$/, ''),
      /** Bound on one registry call (a file download included). */
      timeoutMs: e.REGISTRY_TIMEOUT_MS,
    },
    models: {
      /** Models whose `production` version is loaded at boot and followed on `model.promoted`. */
      served: e.MODELS,
      /** Verified model folders on disk, as `<name>/<version>/<path>`. */
      cacheDir: e.MODEL_CACHE_DIR,
      /** Predictions a freshly loaded version runs before it takes traffic. */
      warmupPredictions: e.MODEL_WARMUP_PREDICTIONS,
      /** Queue bound to `model.promoted`; give each replica its own so that every replica hears every promotion. */
      promotionQueue: e.PROMOTION_QUEUE,
      /** Period of the check that each served model runs the version its `production` alias points at. */
      resyncMs: e.MODEL_RESYNC_MS,
    },
    batching: { maxSize: e.BATCH_MAX_SIZE, maxDelayMs: e.BATCH_MAX_DELAY_MS },
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
