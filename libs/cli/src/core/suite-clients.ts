import { createServiceClient, type ServiceClient } from '@mlops/clients';
import {
  featureStoreRoutes,
  inferenceRoutes,
  isRouteDescriptor,
  keyRoutes,
  registryRoutes,
  reporterRoutes,
  retrainingRoutes,
  studyRoutes,
  trainingJobRoutes,
  type RouteTree,
} from '@mlops/contracts';
import type { Settings } from '../config/resolve-settings.js';
import { healthRoutes } from '../suite/health.routes.js';
import { explainUpstream } from './explain-upstream.js';

type Call = (...args: unknown[]) => Promise<unknown>;

/** The same client, each call's unreachable/auth/timeout failures explained (see explainUpstream). */
function explained<T extends RouteTree>(tree: T, client: ServiceClient<T>, baseUrl: string): ServiceClient<T> {
  const wrap = (node: RouteTree, inner: Record<string, unknown>): Record<string, unknown> =>
    Object.fromEntries(
      Object.entries(node).map(([key, child]): [string, unknown] => {
        const target = inner[key];
        if (!isRouteDescriptor(child)) return [key, wrap(child, target as Record<string, unknown>)];
        const call: Call = async (...args) => {
          try {
            return await (target as Call)(...args);
          } catch (error) {
            throw explainUpstream(error, child, baseUrl);
          }
        };
        return [key, call];
      }),
    );
  return wrap(tree, client) as ServiceClient<T>;
}

/** The typed clients of the suite the CLI calls, every one sending the API key. */
export interface SuiteClients {
  readonly featureStore: ServiceClient<typeof featureStoreRoutes>;
  readonly keys: ServiceClient<typeof keyRoutes>;
  readonly trainingJobs: ServiceClient<typeof trainingJobRoutes>;
  readonly studies: ServiceClient<typeof studyRoutes>;
  readonly registry: ServiceClient<typeof registryRoutes>;
  readonly retraining: ServiceClient<typeof retrainingRoutes>;
  readonly reports: ServiceClient<typeof reporterRoutes>;
  readonly inference: ServiceClient<typeof inferenceRoutes>;
  /** `/readyz` of a service by its base URL. */
  health(baseUrl: string, service: string): ServiceClient<ReturnType<typeof healthRoutes>>;
}

/** Builds the clients from the resolved settings (`userAgent` names the CLI in the services' logs). */
export function createSuiteClients(settings: Settings, userAgent: string): SuiteClients {
  const make = <T extends RouteTree>(tree: T, baseUrl: string, timeoutMs = 60_000): ServiceClient<T> =>
    explained(tree, createServiceClient(tree, { baseUrl, apiKey: settings.apiKey, userAgent, timeoutMs }), baseUrl);
  const { endpoints } = settings;
  return {
    featureStore: make(featureStoreRoutes, endpoints.featureStoreUrl, 300_000),
    keys: make(keyRoutes, endpoints.featureStoreUrl),
    trainingJobs: make(trainingJobRoutes, endpoints.trainerUrl),
    studies: make(studyRoutes, endpoints.trainerUrl),
    registry: make(registryRoutes, endpoints.trainerUrl, 300_000),
    retraining: make(retrainingRoutes, endpoints.trainerUrl),
    reports: make(reporterRoutes, endpoints.reporterUrl, 120_000),
    inference: make(inferenceRoutes, endpoints.inferenceUrl, 120_000),
    health: (baseUrl, service) => make(healthRoutes(service), baseUrl, 5_000),
  };
}
