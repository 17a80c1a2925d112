import { PATIENT_RETRY, QUICK_RETRY, type CallOptions } from '@mlops/clients';
import type { ModelVersion } from '@mlops/contracts';
import type { Logger } from '@mlops/logger';
import type { ExampleText, RunReportInput } from '../report/index.js';
import { readManifest, worstConfusionIds } from '../upstreams/manifest-reader.js';
import { isNotFound, trainingJobOf, type Upstreams } from '../upstreams/upstreams.js';
import { studyOf } from './study-input.js';

/** What a run report is rendered from, and what could not be gathered. */
export interface GatheredInputs {
  readonly version: ModelVersion;
  readonly input: RunReportInput;
  /** Inputs that could not be read (shown on the slides as missing, listed in the record). */
  readonly missing: readonly string[];
}

/** How one attempt gathers its inputs. */
export interface GatherOptions {
  readonly signal: AbortSignal;
  /** The training job the version came from (from `training.completed`), when known. */
  readonly jobId: string | undefined;
  /**
   * On the last attempt a feature-store that cannot answer no longer fails the report: it is
   * rendered without the example texts (listed as missing).
   */
  readonly lastAttempt: boolean;
  readonly logger: Logger;
}

/** What the report says about production: the other version in production, or that this version is. */
type ProductionContext = Pick<RunReportInput, 'production' | 'inProduction'>;

/** The version in production: another version to compare with, or this very version. */
async function productionOf(
  upstreams: Upstreams,
  version: ModelVersion,
  options: CallOptions,
  missing: string[],
): Promise<ProductionContext> {
  let production;
  try {
    production = await upstreams.registry.aliases.resolve(
      { params: { name: version.name, alias: 'production' } },
      { retry: QUICK_RETRY, ...options },
    );
  } catch (error) {
    if (isNotFound(error)) return {};
    throw error;
  }
  if (production.version === version.version) return { inProduction: true };
  const manifest = await readManifest(upstreams, production.modelVersion, options);
  if (manifest === undefined) {
    missing.push('productionManifest');
    return {};
  }
  return { production: { manifest, version: production.version } };
}

/**
 * Streams the dataset version the model was trained on and keeps the texts of `ids` (the test
 * examples of the worst confusions), stopping once all are found.
 */
async function exampleTexts(
  upstreams: Upstreams,
  version: ModelVersion,
  ids: ReadonlySet<string>,
  options: CallOptions,
): Promise<ExampleText[]> {
  const lineage = version.lineage;
  if (!lineage || ids.size === 0) return [];
  const answer = await upstreams.featureStore.datasets.records(
    { params: { name: lineage.datasetName, version: lineage.datasetVersion } },
    { retry: PATIENT_RETRY, ...options },
  );
  const found: ExampleText[] = [];
  for await (const record of answer.records) {
    if (!ids.has(record.documentId)) continue;
    found.push({ id: record.documentId, text: record.text });
    if (found.length === ids.size) break;
  }
  return found;
}

/**
 * Gathers what the run report of a version is rendered from, through the typed clients: the
 * version and its `manifest.json` (registry), the production version's manifest when production
 * is another version, who asked for the training and when (the training job), the texts of the
 * examples shown in the worst confusions (feature-store, the dataset version of the lineage), the
 * checksums of the version's files, and the study its trial came from when the lineage names one.
 * What is absent upstream becomes a missing part; what cannot be read now throws (the attempt is
 * retried).
 */
export async function gatherRunReportInputs(
  upstreams: Upstreams,
  model: string,
  versionNumber: number,
  options: GatherOptions,
): Promise<GatheredInputs> {
  const call: CallOptions = { signal: options.signal };
  const missing: string[] = [];
  const version = await upstreams.registry.versions.get(
    { params: { name: model, version: versionNumber } },
    { retry: QUICK_RETRY, ...call },
  );
  const manifest = await readManifest(upstreams, version, call);
  if (manifest === undefined) missing.push('manifest');
  const production = await productionOf(upstreams, version, call, missing);
  const job = await trainingJobOf(upstreams, options.jobId ?? version.runId ?? version.lineage?.runId, {
    retry: QUICK_RETRY,
    ...call,
  });
  const ids = worstConfusionIds(manifest);
  let examples: ExampleText[] = [];
  try {
    examples = await exampleTexts(upstreams, version, ids, call);
  } catch (error) {
    if (!isNotFound(error) && !options.lastAttempt) throw error;
    options.logger.warn({ err: error, model, version: versionNumber }, 'rendering without the example texts');
  }
  if (ids.size > 0 && examples.length === 0) missing.push('exampleTexts');
  const study = await studyOf(upstreams, version, call);
  if (study === 'missing') missing.push('study');
  return {
    version,
    missing,
    input: {
      model: { manifest: manifest ?? {}, version: version.version },
      ...production,
      requestedBy: job?.request.requestedBy ?? version.createdBy,
      ...(job ? { requestedAt: job.createdAt } : {}),
      examples,
      artifacts: version.files.map((file) => ({ name: file.path, sha256: file.sha256 })),
      ...(study && study !== 'missing' ? { study } : {}),
    },
  };
}
