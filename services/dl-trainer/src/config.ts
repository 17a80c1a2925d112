import { connectedServiceEnvShape, connectedServiceSections, env, loadConfig } from '@mlops/config';
import { z } from 'zod';
import { registryEnvShape, registrySection } from './registry/registry.config.js';

const schema = z
  .object({
    ...connectedServiceEnvShape(4004, 'mlops_dl_trainer'),
    TRAINING_WORKERS: env.positiveInt(1),
    TRAINING_MAX_ATTEMPTS: env.positiveInt(3),
    TRAINING_LEASE_MS: env.positiveInt(60_000),
    TRAINING_DISPATCH_SWEEP_MS: env.positiveInt(10_000),
    TRAINING_BACKEND: z.enum(['auto', 'tensorflow', 'wasm', 'cpu']).default('auto'),
    TRAINING_CHECKPOINT_INTERVAL_MS: z.coerce.number().int().min(0).default(30_000),
    FEATURE_STORE_URL: env.url(['http', 'https']).default('http://127.0.0.1:4001'),
    FEATURE_STORE_TIMEOUT_MS: env.positiveInt(300_000),
    STUDY_POLL_MS: env.positiveInt(1000),
    SCHEDULE_POLL_MS: env.positiveInt(5000),
    SCHEDULE_LEASE_MS: env.positiveInt(300_000),
    REPORTER_URL: env.url(['http', 'https']).optional(),
    REPORTER_TIMEOUT_MS: env.positiveInt(300_000),
    INFERENCE_URL: env.url(['http', 'https']).optional(),
    INFERENCE_TIMEOUT_MS: env.positiveInt(30_000),
    ...registryEnvShape,
  })
  .transform((e) => ({
    ...connectedServiceSections('dl-trainer', e),
    training: {
      /** Jobs one process runs at once (the consumer's prefetch). */
      workers: e.TRAINING_WORKERS,
      maxAttempts: e.TRAINING_MAX_ATTEMPTS,
      leaseMs: e.TRAINING_LEASE_MS,
      dispatchSweepMs: e.TRAINING_DISPATCH_SWEEP_MS,
      /** TensorFlow.js backend: auto takes tfjs-node(-gpu) when installed, else WASM. */
      backend: e.TRAINING_BACKEND,
      /** Least time between two checkpoints of a job (0: after every epoch). */
      checkpointIntervalMs: e.TRAINING_CHECKPOINT_INTERVAL_MS,
    },
    featureStore: {
      url: e.FEATURE_STORE_URL.replace(/\/$/, ''),
      /** Bound on reading one dataset version. */
      timeoutMs: e.FEATURE_STORE_TIMEOUT_MS,
    },
    registry: registrySection(e),
    studies: {
      /** How often the study driver advances the running studies. */
      pollMs: e.STUDY_POLL_MS,
    },
    retraining: {
      /** How often due ticks are claimed and running ticks advanced. */
      pollMs: e.SCHEDULE_POLL_MS,
      /** How long a replica holds a tick it works on without renewing; another takes over after. */
      leaseMs: e.SCHEDULE_LEASE_MS,
    },
    reporter: {
      /** Where comparison reports of kept candidates are asked for; without it only their address is recorded. */
      url: e.REPORTER_URL?.replace(/\/$/, ''),
      timeoutMs: e.REPORTER_TIMEOUT_MS,
    },
    inference: {
      /** Where a promotion policy's rollout is started; without it such a promotion keeps the version as candidate. */
      url: e.INFERENCE_URL?.replace(/\/$/, ''),
      timeoutMs: e.INFERENCE_TIMEOUT_MS,
    },
  }));

export type DlTrainerConfig = z.output<typeof schema>;

/** Parses dl-trainer's environment once into its frozen config. */
export function loadDlTrainerConfig(
  source: Record<string, string | undefined> = process.env,
): Readonly<DlTrainerConfig> {
  return loadConfig(schema, source);
}
