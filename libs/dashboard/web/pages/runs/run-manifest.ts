import { routeUrl } from '../../api/route-path.js';
import { registryRoutes } from '@mlops/contracts';
import { z } from 'zod';

/*
 * What the run page reads of a version's manifest.json (the file the PDF report is drawn from),
 * leniently: a section that is absent or in an older format is left out, and the page says so.
 */

const share = z.number().min(0).max(1);
const count = z.number().int().min(0);
const classSchema = z.object({ precision: share, recall: share, f1: share, support: count, predicted: count });
const testSchema = z.object({
  labels: z.array(z.string()).min(1),
  exampleCount: count,
  accuracy: share,
  macroF1: share,
  weightedF1: share.optional(),
  logLoss: z.number().optional(),
  perClass: z.record(z.string(), classSchema).optional(),
  confusionMatrix: z.array(z.array(count)).optional(),
});
const curveSchema = z.array(
  z.object({
    epoch: z.number().int(),
    trainLoss: z.number(),
    validationLoss: z.number().nullish(),
    validationMacroF1: z.number().nullish(),
  }),
);
const stepSchema = z.object({
  step: z.string(),
  rowsIn: count,
  rowsOut: count,
  dropped: z.record(z.string(), count),
});

const manifestSchema = z.object({
  labels: z.array(z.string()).optional(),
  metrics: z
    .object({
      test: testSchema.optional().catch(undefined),
      bestEpoch: z.number().int().optional().catch(undefined),
      curve: curveSchema.optional().catch(undefined),
    })
    .optional()
    .catch(undefined),
  data: z
    .object({
      steps: z.array(stepSchema).optional().catch(undefined),
      split: z.object({ train: count, validation: count, test: count }).optional().catch(undefined),
    })
    .optional()
    .catch(undefined),
  lineage: z
    .object({
      dataset: z.object({ name: z.string(), version: z.number().int(), contentHash: z.string() }),
      seed: z.number().int(),
      codeVersion: z.string(),
    })
    .optional()
    .catch(undefined),
  environment: z.record(z.string(), z.string()).optional().catch(undefined),
});

/** The sections of a manifest the run page shows. */
export type RunManifest = z.output<typeof manifestSchema>;

/** Reads a version's manifest.json through the proxy; undefined when it cannot be read or parsed. */
export async function loadManifest(
  name: string,
  version: number,
  signal: AbortSignal,
): Promise<RunManifest | undefined> {
  const response = await fetch(routeUrl(registryRoutes.versions.file, { name, version, '*': 'manifest.json' }), {
    credentials: 'same-origin',
    signal,
  });
  if (!response.ok) return undefined;
  const parsed = manifestSchema.safeParse(await response.json().catch(() => undefined));
  return parsed.success ? parsed.data : undefined;
}

/** A square confusion matrix in the order of `labels`, when the manifest has one. */
export function confusionOf(
  manifest: RunManifest | undefined,
): { readonly labels: readonly string[]; readonly matrix: readonly (readonly number[])[] } | undefined {
  const test = manifest?.metrics?.test;
  const matrix = test?.confusionMatrix;
  if (!test || !matrix) return undefined;
  const size = test.labels.length;
  return matrix.length === size && matrix.every((row) => row.length === size)
    ? { labels: test.labels, matrix }
    : undefined;
}
