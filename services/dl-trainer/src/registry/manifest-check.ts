import {
  labelValueSchema,
  modelMetricsSchema,
  modelNameSchema,
  type ModelLineage,
  type ModelMetrics,
} from '@mlops/contracts';
import { modelManifestSchema, type ModelManifest } from '@mlops/ml';
import { z } from 'zod';
import { MANIFEST_PATH, pointerToken } from './artifact-folder.js';
import { registryErrors } from '../errors.js';

/** What the registry reads from an imported folder's manifest. */
export interface ManifestEssentials {
  readonly labels: string[];
  readonly metrics: ModelMetrics;
  readonly lineage?: ModelLineage;
}

const POINTER_ROOT = `/body/${MANIFEST_PATH}`;

/**
 * The registry's check of a `manifest.json` that libs/ml did not write: JSON, with at least
 * `labels`; `metrics` and `lineage` are taken when present.
 */
const manifestSchema = z.looseObject({
  labels: z.array(labelValueSchema).min(1).max(100_000),
  metrics: modelMetricsSchema.optional(),
  lineage: z
    .looseObject({
      datasetName: modelNameSchema,
      datasetVersion: z.number().int().min(1),
      datasetContentHash: z.string().regex(/^[0-9a-f]{64}$/, 'lowercase hex sha256'),
      runId: z.string().min(1).max(128).optional(),
    })
    .optional(),
});

/** The version's metrics summary in the registry: headline numbers of the test evaluation plus per-class detail. */
export function metricsSummary(manifest: ModelManifest): ModelMetrics {
  const { test, parity, bestEpoch, estimate } = manifest.metrics;
  return {
    testTexts: test.exampleCount,
    ...(estimate ? { estimate: { ...estimate } } : {}),
    macroF1: test.macroF1,
    microF1: test.microF1,
    weightedF1: test.weightedF1,
    accuracy: test.accuracy,
    expectedCalibrationError: test.calibration.expectedCalibrationError,
    bestEpoch,
    parityMaxAbsDifference: parity.maxAbsDifference,
    perClass: { ...test.perClass },
  };
}

/** A folder trained by libs/ml (it has `formatVersion`): the whole manifest is checked with its schema. */
function trainedManifestEssentials(json: unknown): ManifestEssentials {
  const result = modelManifestSchema.safeParse(json);
  if (!result.success) throw invalid(result.error.issues);
  const manifest = result.data;
  const { dataset, runId } = manifest.lineage;
  return {
    labels: [...manifest.labels],
    metrics: metricsSummary(manifest),
    lineage: {
      datasetName: dataset.name,
      datasetVersion: dataset.version,
      datasetContentHash: dataset.contentHash,
      ...(runId === null ? {} : { runId }),
    },
  };
}

/**
 * Parses and checks a manifest, or throws REGISTRY_MANIFEST_INVALID naming each bad field
 * (`/body/manifest.json/labels`). A libs/ml manifest (`formatVersion`) is validated in full;
 * any other folder needs at least `labels`.
 */
export function readManifestEssentials(content: Buffer): ManifestEssentials {
  let json: unknown;
  try {
    json = JSON.parse(content.toString('utf8'));
  } catch (error) {
    const reason = `not valid JSON: ${error instanceof Error ? error.message : String(error)}`;
    throw registryErrors.manifestInvalid(`${MANIFEST_PATH} is ${reason}`, [{ pointer: POINTER_ROOT, message: reason }]);
  }
  if (typeof json === 'object' && json !== null && 'formatVersion' in json) return trainedManifestEssentials(json);
  const result = manifestSchema.safeParse(json);
  if (!result.success) throw invalid(result.error.issues);
  const { labels, metrics, lineage } = result.data;
  return {
    labels,
    metrics: metrics ?? {},
    ...(lineage
      ? {
          lineage: {
            datasetName: lineage.datasetName,
            datasetVersion: lineage.datasetVersion,
            datasetContentHash: lineage.datasetContentHash,
            ...(lineage.runId === undefined ? {} : { runId: lineage.runId }),
          },
        }
      : {}),
  };
}

function invalid(issues: readonly z.core.$ZodIssue[]): Error {
  const errors = issues.map((issue) => ({
    pointer: [POINTER_ROOT, ...issue.path.map((token) => pointerToken(String(token)))].join('/'),
    message: issue.message,
  }));
  return registryErrors.manifestInvalid(errors.map((e) => `${e.pointer}: ${e.message}`).join('; '), errors);
}
