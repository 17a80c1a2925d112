import {
  amqpEnvShape,
  amqpSection,
  env,
  loadConfig,
  mongoEnvShape,
  mongoSection,
  serviceEnvShape,
  serviceSection,
} from '@mlops/config';
import { z } from 'zod';

const schema = z
  .object({
    ...serviceEnvShape,
    PORT: env.port(4004),
    ...mongoEnvShape,
    MONGO_DB: mongoEnvShape.MONGO_DB.default('mlops_dl_trainer'),
    ...amqpEnvShape,
    TRAINING_WORKERS: env.positiveInt(1),
    TRAINING_MAX_ATTEMPTS: env.positiveInt(3),
    TRAINING_LEASE_MS: env.positiveInt(60_000),
    TRAINING_DISPATCH_SWEEP_MS: env.positiveInt(10_000),
  })
  .transform((e) => ({
    ...serviceSection('dl-trainer', e),
    mongo: mongoSection(e),
    amqp: amqpSection(e),
    training: {
      /** Jobs one process runs at once (the consumer's prefetch). */
      workers: e.TRAINING_WORKERS,
      maxAttempts: e.TRAINING_MAX_ATTEMPTS,
      leaseMs: e.TRAINING_LEASE_MS,
      dispatchSweepMs: e.TRAINING_DISPATCH_SWEEP_MS,
    },
  }));

export type DlTrainerConfig = z.output<typeof schema>;

/** Parses dl-trainer's environment once into its frozen config. */
export function loadDlTrainerConfig(
  source: Record<string, string | undefined> = process.env,
): Readonly<DlTrainerConfig> {
  return loadConfig(schema, source);
}
