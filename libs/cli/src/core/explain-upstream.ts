import { UpstreamError } from '@mlops/clients';
import type { RouteDescriptor } from '@mlops/contracts';
import { SERVICES } from '../config/services.js';
import { CliError, EXIT } from './cli-error.js';

/**
 * Turns the failures a person must act on into one-line CliErrors: an unreachable service (exit 3,
 * naming it and how to start it), a missing or refused key (exit 4, naming the scope the route
 * needs), a timeout (exit 5). Other errors (a 404 a command may expect) pass through unchanged.
 */
export function explainUpstream(error: unknown, route: RouteDescriptor, baseUrl: string): unknown {
  if (!(error instanceof UpstreamError)) return error;
  const envName = SERVICES.find((service) => service.name === route.service)?.env ?? 'MLOPS_<SERVICE>_URL';
  if (error.code === 'UPSTREAM_UNREACHABLE') {
    return new CliError(
      EXIT.unreachable,
      `${route.service} is not reachable at ${baseUrl}: start the local suite with \`mlops up\`, or point ${envName} (or --profile) at a running one`,
      'SERVICE_UNREACHABLE',
    );
  }
  if (error.status === 401 || error.status === 403) {
    const what = error.status === 401 ? 'needs an API key' : 'refused the API key';
    return new CliError(
      EXIT.auth,
      `${route.service} ${what} (${error.code}): ${route.method} ${route.path} needs a key with scope "${route.scope}"; give it with --api-key, MLOPS_API_KEY or the profile's apiKey`,
      'AUTH',
      [error.detail],
    );
  }
  if (error.kind === 'timeout') {
    return new CliError(EXIT.timeout, `${route.service} did not answer in time: ${error.detail}`, 'TIMEOUT');
  }
  return error;
}
