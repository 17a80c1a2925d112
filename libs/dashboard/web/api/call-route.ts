import {
  UI_CSRF_HEADER,
  problemSchema,
  type Problem,
  type RouteAnswer,
  type RouteBodyInput,
  type RouteDescriptor,
  type RouteParamsInput,
  type RouteQueryInput,
} from '@mlops/contracts';
import { markService } from '../app/service-status.js';
import { expireSession } from '../app/session.js';
import { ApiError } from './api-error.js';
import { routeUrl } from './route-path.js';

/** What a call sends: typed by the route's descriptor. */
export interface CallInput<R extends RouteDescriptor> {
  readonly params?: RouteParamsInput<R>;
  readonly query?: RouteQueryInput<R>;
  readonly body?: RouteBodyInput<R>;
  readonly signal?: AbortSignal;
}

/** Problem codes meaning the session's key is no longer good: back to the sign-in page with the reason. */
const SIGNED_OUT = new Set(['UI_NOT_SIGNED_IN', 'UI_KEY_REFUSED', 'AUTH_INVALID_KEY', 'AUTH_MISSING_KEY']);

async function problemOf(response: Response): Promise<Problem> {
  const text = await response.text();
  try {
    const parsed = problemSchema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
  } catch {
    // Not JSON: described below.
  }
  return {
    type: 'about:blank',
    title: response.statusText || 'Request failed',
    status: response.status >= 400 ? response.status : 502,
    code: 'UI_BAD_ANSWER',
    detail: `The service answered ${response.status} without a problem description.`,
  };
}

/**
 * Calls a route of any service through the reporter's proxy and returns its answer checked by the
 * descriptor's zod schema (typed end to end). Throws `ApiError` with the problem+json of a refusal;
 * marks the service down when it does not answer, and ends the session when its key is refused.
 */
export async function callRoute<R extends RouteDescriptor>(
  route: R,
  input: CallInput<R> = {},
): Promise<RouteAnswer<R>> {
  const url = routeUrl(route, input.params ?? {}, input.query as Record<string, unknown> | undefined);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (route.method !== 'GET') headers[UI_CSRF_HEADER] = '1';
  if (input.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(url, {
      method: route.method,
      headers,
      credentials: 'same-origin',
      ...(input.body === undefined ? {} : { body: JSON.stringify(input.body) }),
      ...(input.signal ? { signal: input.signal } : {}),
    });
  } catch (error) {
    if (input.signal?.aborted) throw error;
    markService('reporter', false);
    throw new ApiError(
      {
        type: 'about:blank',
        title: 'No answer',
        status: 503,
        code: 'UI_NETWORK',
        detail: 'The dashboard server does not answer.',
      },
      'reporter',
    );
  }
  if (!response.ok) {
    const problem = await problemOf(response);
    const error = new ApiError(problem, route.service);
    markService(route.service, !error.serviceDown);
    if (response.status === 401 && SIGNED_OUT.has(problem.code)) expireSession(problem.detail ?? problem.title);
    throw error;
  }
  markService(route.service, true);
  const schema = route.responses[response.status as 200 | 201 | 202 | 204];
  if (response.status === 204 || !schema) return undefined as RouteAnswer<R>;
  return schema.parse(await response.json()) as RouteAnswer<R>;
}
