import { connectedServiceEnvShape, connectedServiceSections, env, loadConfig } from '@mlops/config';
import { apiKeySchema } from '@mlops/contracts';
import { z } from 'zod';

const schema = z
  .object({
    ...connectedServiceEnvShape(4001, 'mlops_feature_store'),
    HTTP_BODY_LIMIT_BYTES: env.positiveInt(32 * 1024 * 1024),
    FEATURE_STORE_MAX_FILE_BYTES: env.positiveInt(50 * 1024 * 1024),
    FEATURE_STORE_MAX_FILES_PER_REQUEST: env.positiveInt(100),
    FEATURE_STORE_MAX_INVALID_LINES_REPORTED: env.positiveInt(1000),
    RECOGNITION_URL: env.url(['http', 'https']).default('http://127.0.0.1:4002'),
    NLP_URL: env.url(['http', 'https']).default('http://127.0.0.1:4003'),
    /** inference: the labelling queue's suggestions and uncertainty order (called with the caller's key). */
    INFERENCE_URL: env.url(['http', 'https']).default('http://127.0.0.1:4006'),
    LABEL_QUEUE_TIMEOUT_MS: env.positiveInt(30_000),
    UPSTREAM_TIMEOUT_MS: env.positiveInt(180_000),
    PROCESSING_WORKERS: env.positiveInt(2),
    PROCESSING_MAX_ATTEMPTS: env.positiveInt(10),
    PROCESSING_STALE_MS: env.positiveInt(10 * 60_000),
    PROCESSING_SWEEP_MS: env.positiveInt(60_000),
    /** The first admin key of a fresh install, stored (hashed) when no admin key exists; read once at start. */
    MLOPS_BOOTSTRAP_ADMIN_KEY: apiKeySchema.optional(),
    /** The services' own keys (`<service>=<key>,...`), stored hashed with their scopes when unknown; read at start. */
    MLOPS_BOOTSTRAP_SERVICE_KEYS: z.string().optional(),
  })
  .transform((e) => ({
    ...connectedServiceSections('feature-store', e),
    uploads: {
      maxFileBytes: e.FEATURE_STORE_MAX_FILE_BYTES,
      maxFilesPerRequest: e.FEATURE_STORE_MAX_FILES_PER_REQUEST,
      maxInvalidLinesReported: e.FEATURE_STORE_MAX_INVALID_LINES_REPORTED,
    },
    upstreams: {
      recognitionUrl: e.RECOGNITION_URL.replace(/\/$/, ''),
      nlpUrl: e.NLP_URL.replace(/\/$/, ''),
      inferenceUrl: e.INFERENCE_URL.replace(/\/$/, ''),
      timeoutMs: e.UPSTREAM_TIMEOUT_MS,
      labelQueueTimeoutMs: e.LABEL_QUEUE_TIMEOUT_MS,
    },
    bootstrapAdminKey: e.MLOPS_BOOTSTRAP_ADMIN_KEY,
    bootstrapServiceKeys: e.MLOPS_BOOTSTRAP_SERVICE_KEYS,
    processing: {
      workers: e.PROCESSING_WORKERS,
      maxAttempts: e.PROCESSING_MAX_ATTEMPTS,
      staleMs: e.PROCESSING_STALE_MS,
      sweepMs: e.PROCESSING_SWEEP_MS,
    },
  }));

export type FeatureStoreConfig = z.output<typeof schema>;

/** Parses feature-store's environment once into its frozen config. */
export function loadFeatureStoreConfig(
  source: Record<string, string | undefined> = process.env,
): Readonly<FeatureStoreConfig> {
  return loadConfig(schema, source);
}
