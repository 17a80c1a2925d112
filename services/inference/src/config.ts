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
    PORT: env.port(4006),
    ...mongoEnvShape,
    MONGO_DB: mongoEnvShape.MONGO_DB.default('mlops_inference'),
    ...amqpEnvShape,
  })
  .transform((e) => ({ ...serviceSection('inference', e), mongo: mongoSection(e), amqp: amqpSection(e) }));

export type InferenceConfig = z.output<typeof schema>;

/** Parses inference's environment once into its frozen config. */
export function loadInferenceConfig(
  source: Record<string, string | undefined> = process.env,
): Readonly<InferenceConfig> {
  return loadConfig(schema, source);
}
