import { connectedServiceEnvShape, connectedServiceSections, loadConfig } from '@mlops/config';
import { z } from 'zod';

const schema = z
  .object(connectedServiceEnvShape(4005, 'mlops_reporter'))
  .transform((e) => connectedServiceSections('reporter', e));

export type ReporterConfig = z.output<typeof schema>;

/** Parses reporter's environment once into its frozen config. */
export function loadReporterConfig(source: Record<string, string | undefined> = process.env): Readonly<ReporterConfig> {
  return loadConfig(schema, source);
}
