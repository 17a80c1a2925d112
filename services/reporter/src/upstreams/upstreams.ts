import { createServiceClient, UpstreamError, type ServiceClient } from '@mlops/clients';
import {
  featureStoreRoutes,
  registryRoutes,
  studyRoutes,
  trainingJobRoutes,
  type ModelVersion,
  type TrainingJob,
} from '@mlops/contracts';
import type { CallOptions } from '@mlops/clients';
import { reporterErrors } from '../errors.js';

/** The services the reporter reads, through their typed clients. */
export interface Upstreams {
  /** dl-trainer's model registry: versions, files, aliases, runs, report records. */
  readonly registry: ServiceClient<typeof registryRoutes>;
  /** dl-trainer's training jobs: who asked for a run, and whether it has finished. */
  readonly trainingJobs: ServiceClient<typeof trainingJobRoutes>;
  /** dl-trainer's studies: the study a version's trial came from (the report's study slide). */
  readonly studies: ServiceClient<typeof studyRoutes>;
  /** feature-store: the records of a dataset version. */
  readonly featureStore: ServiceClient<typeof featureStoreRoutes>;
}

/** Where the upstreams are and how long one call may take. */
export interface UpstreamsOptions {
  readonly registry: { readonly url: string; readonly timeoutMs: number };
  readonly featureStore: { readonly url: string; readonly timeoutMs: number };
  /** reporter's own key (scopes read and promote: versions, runs, dataset records, report records). */
  readonly apiKey?: string | undefined;
}

/** Builds the typed clients; retries are chosen per call site. */
export function createUpstreams(options: UpstreamsOptions): Upstreams {
  const trainer = {
    baseUrl: options.registry.url,
    timeoutMs: options.registry.timeoutMs,
    userAgent: 'mlops-reporter',
    apiKey: options.apiKey,
  };
  return {
    registry: createServiceClient(registryRoutes, trainer),
    trainingJobs: createServiceClient(trainingJobRoutes, trainer),
    studies: createServiceClient(studyRoutes, trainer),
    featureStore: createServiceClient(featureStoreRoutes, {
      baseUrl: options.featureStore.url,
      timeoutMs: options.featureStore.timeoutMs,
      userAgent: 'mlops-reporter',
      apiKey: options.apiKey,
    }),
  };
}

/** Whether a call failed because the upstream has no such thing (404). */
export function isNotFound(error: unknown): boolean {
  return error instanceof UpstreamError && error.kind === 'refused' && error.status === 404;
}

/** An upstream failure as the reporter's route answers it: 502 naming the service and its code. */
export function asRouteError(error: unknown): unknown {
  if (!(error instanceof UpstreamError)) return error;
  return reporterErrors.upstreamUnavailable(`${error.service}: ${error.code}: ${error.detail}`);
}

/**
 * A version from the registry, for a route: 404 REPORTER_VERSION_NOT_FOUND naming the model and
 * version when the registry has no such model or version, 502 when it cannot answer.
 */
export async function requireVersion(
  upstreams: Upstreams,
  model: string,
  version: number,
  options: CallOptions = {},
): Promise<ModelVersion> {
  try {
    return await upstreams.registry.versions.get({ params: { name: model, version } }, options);
  } catch (error) {
    if (isNotFound(error)) throw reporterErrors.versionNotFound(`the registry has no version ${version} of ${model}`);
    throw asRouteError(error);
  }
}

/** The training job a version came from, or undefined (an imported version, or a job the trainer no longer knows). */
export async function trainingJobOf(
  upstreams: Upstreams,
  jobId: string | undefined,
  options: CallOptions = {},
): Promise<TrainingJob | undefined> {
  if (!jobId || !UUID.test(jobId)) return undefined;
  try {
    return await upstreams.trainingJobs.get({ params: { id: jobId } }, options);
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
