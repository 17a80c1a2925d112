import { connectedServiceEnvShape, connectedServiceSections, loadConfig } from '@mlops/config';
import { z } from 'zod';

const schema = z
  .object(connectedServiceEnvShape(4006, 'mlops_inference'))
  .transform((e) => connectedServiceSections('inference', e));

export type InferenceConfig = z.output<typeof schema>;

/** Parses inference's environment once into its frozen config. */
export function loadInferenceConfig(
  source: Record<string, string | undefined> = process.env,
): Readonly<InferenceConfig> {
  return loadConfig(schema, source);
}
