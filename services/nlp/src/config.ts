import { env, loadConfig, serviceEnvShape, serviceSection } from '@mlops/config';
import { z } from 'zod';

const schema = z.object({ ...serviceEnvShape, PORT: env.port(4003) }).transform((e) => serviceSection('nlp', e));

export type NlpConfig = z.output<typeof schema>;

/** Parses nlp's environment once into its frozen config. */
export function loadNlpConfig(source: Record<string, string | undefined> = process.env): Readonly<NlpConfig> {
  return loadConfig(schema, source);
}
