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
    PORT: env.port(4001),
    ...mongoEnvShape,
    MONGO_DB: mongoEnvShape.MONGO_DB.default('mlops_feature_store'),
    ...amqpEnvShape,
  })
  .transform((e) => ({ ...serviceSection('feature-store', e), mongo: mongoSection(e), amqp: amqpSection(e) }));

export type FeatureStoreConfig = z.output<typeof schema>;

/** Parses feature-store's environment once into its frozen config. */
export function loadFeatureStoreConfig(
  source: Record<string, string | undefined> = process.env,
): Readonly<FeatureStoreConfig> {
  return loadConfig(schema, source);
}
