import { connectedServiceEnvShape, connectedServiceSections, loadConfig } from '@mlops/config';
import { z } from 'zod';

const schema = z
  .object(connectedServiceEnvShape(4001, 'mlops_feature_store'))
  .transform((e) => connectedServiceSections('feature-store', e));

export type FeatureStoreConfig = z.output<typeof schema>;

/** Parses feature-store's environment once into its frozen config. */
export function loadFeatureStoreConfig(
  source: Record<string, string | undefined> = process.env,
): Readonly<FeatureStoreConfig> {
  return loadConfig(schema, source);
}
