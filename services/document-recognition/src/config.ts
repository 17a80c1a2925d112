import { env, loadConfig, serviceEnvShape, serviceSection } from '@mlops/config';
import { z } from 'zod';

const schema = z
  .object({ ...serviceEnvShape, PORT: env.port(4002) })
  .transform((e) => serviceSection('document-recognition', e));

export type DocumentRecognitionConfig = z.output<typeof schema>;

/** Parses document-recognition's environment once into its frozen config. */
export function loadDocumentRecognitionConfig(
  source: Record<string, string | undefined> = process.env,
): Readonly<DocumentRecognitionConfig> {
  return loadConfig(schema, source);
}
