/**
 * The suite's inference service (services/inference) as it ships: started from source as its own
 * process against the local MongoDB and RabbitMQ (`scripts/infra`), loading the run's model from
 * a stand-in registry (bench/serving/suite/inference-service.ts), with its default settings
 * (batching, ONNX Runtime threads, logging) unless a variant overrides some in its environment.
 */
import { loadInferenceConfig } from '../../../services/inference/src/config.js';
import type { HttpContender } from '../contender.js';
import { startInferenceService } from '../suite/inference-service.js';

const SERVICE = 'mlops-suite inference service';
/** Placeholders for the two required URLs: only the defaults of the other settings are read here. */
const shipped = loadInferenceConfig({ MONGO_URL: 'mongodb://127.0.0.1:1', AMQP_URL: 'amqp://127.0.0.1:1' });

/** The shipped defaults the service runs with, as stated in the results. */
const shippedSettings = {
  process: 'node --conditions=source --import tsx src/server.ts, 1 process, NODE_ENV=production',
  auth: 'API keys checked: feature-store beside it is the key owner, verified keys cached (KEY_CACHE_TTL_MS)',
  KEY_CACHE_TTL_MS: shipped.auth.keyCacheTtlMs,
  RATE_LIMIT_MAX: '0 (per-key rate limit off for the benchmark)',
  BATCH_MAX_SIZE: shipped.batching.maxSize,
  BATCH_MAX_DELAY_MS: shipped.batching.maxDelayMs,
  BATCH_MAX_IN_FLIGHT: shipped.batching.maxInFlight,
  MODEL_EXECUTION: shipped.models.execution,
  ORT_INTRA_OP_THREADS: shipped.onnx.intraOpThreads,
  ORT_INTER_OP_THREADS: shipped.onnx.interOpThreads,
  LOG_LEVEL: shipped.log.level,
  PREDICTION_LOG_SAMPLE_RATE: shipped.monitoring.log.sampleRate,
  PREDICTION_LOG_MAX_PER_SECOND: shipped.monitoring.log.maxTextsPerSecond,
  registry:
    'stand-in registry in the benchmark process (libs/testing StandInRegistry), model folder from runTrainingPipeline',
} as const;

/** The service with its environment changed by `env` (none: as shipped); `label` names the change. */
function inferenceVariant(label: string | null, env: Readonly<Record<string, string>>): HttpContender {
  return {
    name: label === null ? SERVICE : `${SERVICE}, ${label}`,
    settings: { ...shippedSettings, ...env },
    start: async (model, port, probeBody, keyOwner) => {
      const service = await startInferenceService({ model, port, probeBody, keyOwner, env });
      return { ...service.server, stop: () => service.stop() };
    },
  };
}

/**
 * The cost of checking keys: verified keys trusted for 1 ms instead of the shipped 5 s, so nearly
 * every request asks feature-store (concurrent checks of one key share one call). Not 0: the
 * cache treats a TTL of 0 as no expiry.
 */
const keyCacheNearlyOff = inferenceVariant(
  'KEY_CACHE_TTL_MS=1 (key checked at feature-store on almost every request)',
  {
    KEY_CACHE_TTL_MS: '1',
  },
);

/**
 * The prediction log without its cap: every sampled request (10 %) written to the local MongoDB,
 * which runs on the same 2 cores; measured on the single-text and 32-text cells at 32 connections.
 */
export const logCapOff = inferenceVariant('PREDICTION_LOG_MAX_PER_SECOND=0 (every sampled request logged, no cap)', {
  PREDICTION_LOG_MAX_PER_SECOND: '0',
});

/** (d) The inference service as shipped. */
export const suiteInference = inferenceVariant(null, {});

/**
 * Variants for the micro-batching benefit and the cost of request logging, measured at 1 text
 * per request and 32 connections beside the shipped row.
 */
export const inferenceVariants: readonly HttpContender[] = [
  inferenceVariant('batching off (BATCH_MAX_SIZE=1)', { BATCH_MAX_SIZE: '1' }),
  inferenceVariant('BATCH_MAX_DELAY_MS=1', { BATCH_MAX_DELAY_MS: '1' }),
  inferenceVariant('BATCH_MAX_DELAY_MS=2', { BATCH_MAX_DELAY_MS: '2' }),
  inferenceVariant('BATCH_MAX_IN_FLIGHT=1', { BATCH_MAX_IN_FLIGHT: '1' }),
  inferenceVariant('MODEL_EXECUTION=inline (versions on the HTTP event loop)', { MODEL_EXECUTION: 'inline' }),
  inferenceVariant('LOG_LEVEL=warn (no per-request log lines)', { LOG_LEVEL: 'warn' }),
  keyCacheNearlyOff,
];
