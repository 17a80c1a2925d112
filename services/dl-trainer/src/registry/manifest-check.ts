import {
  labelValueSchema,
  modelMetricsSchema,
  modelNameSchema,
  type ModelLineage,
  type ModelMetrics,
} from '@mlops/contracts';
import { z } from 'zod';
import { MANIFEST_PATH, pointerToken } from './artifact-folder.js';
import { registryErrors } from './registry-errors.js';

/** What the registry reads from an imported folder's manifest. */
export interface ManifestEssentials {
  readonly labels: string[];
  readonly metrics: ModelMetrics;
  readonly lineage?: ModelLineage;
}

const POINTER_ROOT = `/body/${MANIFEST_PATH}`;

/**
 * The registry's check of `manifest.json` on import: JSON, with at least `labels`; `metrics` and
 * `lineage` are taken when present. Other fields are the model format's business. This is the
 * one place to swap for the full manifest schema of libs/ml once it exists.
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

/** Parses and checks a manifest, or throws REGISTRY_MANIFEST_INVALID naming each bad field (`/body/manifest.json/labels`). */
export function readManifestEssentials(content: Buffer): ManifestEssentials {
  let json: unknown;
  try {
    json = JSON.parse(content.toString('utf8'));
  } catch (error) {
    const reason = `not valid JSON: ${error instanceof Error ? error.message : String(error)}`;
    throw registryErrors.manifestInvalid(`${MANIFEST_PATH} is ${reason}`, [{ pointer: POINTER_ROOT, message: reason }]);
  }
  const result = manifestSchema.safeParse(json);
  if (!result.success) {
    const errors = result.error.issues.map((issue) => ({
      pointer: [POINTER_ROOT, ...issue.path.map((token) => pointerToken(String(token)))].join('/'),
      message: issue.message,
    }));
    throw registryErrors.manifestInvalid(errors.map((e) => `${e.pointer}: ${e.message}`).join('; '), errors);
  }
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
