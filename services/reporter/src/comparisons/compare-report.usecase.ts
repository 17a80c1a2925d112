import { QUICK_RETRY } from '@mlops/clients';
import type { ModelVersion } from '@mlops/contracts';
import { buildComparisonReportModel, renderComparisonReport } from '../report/index.js';
import { reporterErrors } from '../errors.js';
import { comparisonName } from '../files/download-name.js';
import type { ReportFiles, StoredFile } from '../files/report-files.js';
import { manifestTask, readManifest } from '../upstreams/manifest-reader.js';
import { asRouteError, requireVersion, type Upstreams } from '../upstreams/upstreams.js';
import { comparisonDifference } from './comparability.js';
import { comparisonKey } from './comparison-key.js';
import type { RenderGate } from './render-gate.js';

/** What a comparison needs. */
export interface CompareDeps {
  readonly files: ReportFiles;
  readonly upstreams: Upstreams;
  readonly gate: RenderGate;
  /** Renders under way, by cache key: a second request for the same pair waits for the first. */
  readonly inFlight: Map<string, Promise<StoredFile>>;
}

/** A model and two of its versions: A the reference, B the other. */
export interface ComparisonRequest {
  readonly model: string;
  readonly a: number;
  readonly b: number;
}

async function manifestOf(deps: CompareDeps, version: ModelVersion): Promise<unknown> {
  try {
    return (await readManifest(deps.upstreams, version)) ?? {};
  } catch (error) {
    throw asRouteError(error);
  }
}

async function renderAndStore(
  deps: CompareDeps,
  request: ComparisonRequest,
  key: string,
  sides: { a: { version: ModelVersion; manifest: unknown }; b: { version: ModelVersion; manifest: unknown } },
): Promise<StoredFile> {
  const cached = await deps.files.findByKey(key);
  if (cached) return cached;
  const model = buildComparisonReportModel({
    a: { manifest: sides.a.manifest, version: request.a },
    b: { manifest: sides.b.manifest, version: request.b },
  });
  const pdf = await renderComparisonReport(model);
  return deps.files.store(comparisonName(request.model, request.a, request.b), pdf, {
    kind: 'comparison',
    model: request.model,
    key,
  });
}

/**
 * The comparison report of two versions of a model, from the cache when these two folders were
 * compared before (key: the sha256 of their checksums), else rendered behind the gate and stored.
 * The manifests (megabytes for large vocabularies) are read only once the gate has admitted the
 * render, so a burst of requests is refused before anything is allocated for it.
 * 404 for an unknown model or version, 422 naming the difference when the tasks or the label
 * sets differ; GateFullError when too many renders run and wait.
 */
export async function comparisonReport(deps: CompareDeps, request: ComparisonRequest): Promise<StoredFile> {
  const [a, b] = await Promise.all([
    requireVersion(deps.upstreams, request.model, request.a, { retry: QUICK_RETRY }),
    requireVersion(deps.upstreams, request.model, request.b, { retry: QUICK_RETRY }),
  ]);
  const key = comparisonKey(a.folderChecksum, b.folderChecksum);
  const cached = await deps.files.findByKey(key);
  if (cached) return cached;
  const running = deps.inFlight.get(key);
  if (running) return running;
  const render = deps.gate.run(async () => {
    const [manifestA, manifestB] = await Promise.all([manifestOf(deps, a), manifestOf(deps, b)]);
    const difference = comparisonDifference(
      { version: a.version, task: manifestTask(manifestA), labels: a.labels },
      { version: b.version, task: manifestTask(manifestB), labels: b.labels },
    );
    if (difference) throw reporterErrors.notComparable(`${request.model}: ${difference}`);
    return renderAndStore(deps, request, key, {
      a: { version: a, manifest: manifestA },
      b: { version: b, manifest: manifestB },
    });
  });
  deps.inFlight.set(key, render);
  try {
    return await render;
  } finally {
    deps.inFlight.delete(key);
  }
}
