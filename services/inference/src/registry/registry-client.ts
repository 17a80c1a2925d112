import { createServiceClient, UpstreamError, type ServiceClient } from '@mlops/clients';
import { registryRoutes } from '@mlops/contracts';

/** dl-trainer's model registry, as inference reads it (aliases, versions, files). */
export type RegistryClient = ServiceClient<typeof registryRoutes>;

/** Where the registry is and how long one call (a file download included) may take. */
export interface RegistryClientOptions {
  readonly baseUrl: string;
  readonly timeoutMs: number;
  /** inference's own key (scope read). */
  readonly apiKey?: string | undefined;
}

/**
 * A typed client of the registry's routes. Calls are not retried here: the model server's
 * periodic resync retries a failed load.
 */
export function createRegistryClient(options: RegistryClientOptions): RegistryClient {
  return createServiceClient(registryRoutes, { ...options, userAgent: 'mlops-inference' });
}

/** Whether a registry call failed because the registry has no such model, alias, version or file (404). */
export function isRegistryNotFound(error: unknown): boolean {
  return error instanceof UpstreamError && error.kind === 'refused' && error.status === 404;
}
