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
    PORT: env.port(4005),
    ...mongoEnvShape,
    MONGO_DB: mongoEnvShape.MONGO_DB.default('mlops_reporter'),
    ...amqpEnvShape,
  })
  .transform((e) => ({ ...serviceSection('reporter', e), mongo: mongoSection(e), amqp: amqpSection(e) }));

export type ReporterConfig = z.output<typeof schema>;

/** Parses reporter's environment once into its frozen config. */
export function loadReporterConfig(source: Record<string, string | undefined> = process.env): Readonly<ReporterConfig> {
  return loadConfig(schema, source);
}
