import {
  featureStoreRoutes,
  registryRoutes,
  reporterRoutes,
  trainingJobRoutes,
  type DatasetVersion,
  type ModelVersion,
  type Report,
  type TrainingJob,
  type TrainingRun,
} from '@mlops/contracts';
import { callRoute } from '../../api/call-route.js';
import { loadManifest, type RunManifest } from './run-manifest.js';

/** What the run page shows: the job, and what exists of its run, version, manifest, report and dataset version. */
export interface RunData {
  readonly job: TrainingJob;
  readonly run: TrainingRun | undefined;
  readonly version: ModelVersion | undefined;
  readonly manifest: RunManifest | undefined;
  readonly report: Report | undefined;
  readonly datasetVersion: DatasetVersion | undefined;
}

/** Undefined when the call fails: a part the page can do without (the service banner names a service down). */
function optional<T>(call: Promise<T>): Promise<T | undefined> {
  return call.catch(() => undefined);
}

/** Loads a run page's data; an unknown job throws (the page shows not found), the other parts are optional. */
export async function loadRun(id: string, signal: AbortSignal): Promise<RunData> {
  const job = await callRoute(trainingJobRoutes.get, { params: { id }, signal });
  const { name, version: datasetVersion } = job.request.dataset;
  const [run, dataset] = await Promise.all([
    optional(callRoute(registryRoutes.runs.get, { params: { id }, signal })),
    optional(callRoute(featureStoreRoutes.datasets.version, { params: { name, version: datasetVersion }, signal })),
  ]);
  const ref = run?.modelVersion;
  const [version, manifest, report] = ref
    ? await Promise.all([
        optional(callRoute(registryRoutes.versions.get, { params: ref, signal })),
        optional(loadManifest(ref.name, ref.version, signal)),
        optional(callRoute(reporterRoutes.get, { params: { model: ref.name, version: ref.version }, signal })),
      ])
    : [undefined, undefined, undefined];
  return { job, run, version, manifest, report, datasetVersion: dataset };
}
