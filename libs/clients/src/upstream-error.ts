import { problemSchema, type FieldError } from '@mlops/contracts';
import { parseJsonText } from './json-text.js';

/**
 * How a call to another service failed:
 * - `refused`: it answered a 4xx problem — the input is wrong, retrying the same call cannot help;
 * - `unavailable`: it could not answer (connection refused, 5xx, 408, 429, an answer that breaks
 *   its contract) — the same call may pass later;
 * - `timeout`: no answer (or no whole answer) in time, or the upstream says it ran out of time.
 */
export type UpstreamErrorKind = 'refused' | 'unavailable' | 'timeout';

/** The one error every client throws for a failed call. */
export class UpstreamError extends Error {
  override readonly name = 'UpstreamError';

  constructor(
    readonly kind: UpstreamErrorKind,
    /** The service called (`dl-trainer`). */
    readonly service: string,
    /** The problem's code, or `UPSTREAM_UNREACHABLE`, `UPSTREAM_TIMEOUT`, `UPSTREAM_INVALID_ANSWER`, `UPSTREAM_TOO_LARGE`, `<SERVICE>_HTTP_<status>`. */
    readonly code: string,
    readonly detail: string,
    /** The HTTP status, when the upstream answered. */
    readonly status?: number,
    /** The invalid fields the upstream named, pointers intact. */
    readonly fieldErrors: readonly FieldError[] = [],
    /** The upstream's request id, to find its log line. */
    readonly requestId?: string,
  ) {
    super(`${service}: ${status === undefined ? '' : `${status} `}${code}: ${detail}`);
  }

  /** Whether the same call may pass later. */
  get retryable(): boolean {
    return this.kind !== 'refused';
  }
}

function httpCode(service: string, status: number): string {
  return `${service.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}_HTTP_${status}`;
}

/**
 * Reads a non-2xx answer into an UpstreamError: a problem+json keeps its code, detail, pointers
 * and request id; anything else is named by its status. 4xx are refusals except 408 and 429
 * (unavailable) and the route's `timeoutCodes` (timeout); 5xx are unavailable.
 */
export function errorFromAnswer(
  service: string,
  status: number,
  bodyText: string,
  timeoutCodes: readonly string[] = [],
): UpstreamError {
  const problem = problemSchema.safeParse(parseJsonText(bodyText));
  const code = problem.success ? problem.data.code : httpCode(service, status);
  const detail = problem.success ? (problem.data.detail ?? problem.data.title) : bodyText.slice(0, 500);
  const fieldErrors = problem.success ? (problem.data.errors ?? []) : [];
  const requestId = problem.success ? problem.data.requestId : undefined;
  let kind: UpstreamErrorKind = status >= 500 || status === 408 || status === 429 ? 'unavailable' : 'refused';
  if (timeoutCodes.includes(code)) kind = 'timeout';
  return new UpstreamError(kind, service, code, detail, status, fieldErrors, requestId);
}

/** Turns what fetch or a body read threw (refused connection, reset, abort by timeout) into an UpstreamError. */
export function errorFromTransport(service: string, error: unknown, timeoutMs: number): UpstreamError {
  if (error instanceof UpstreamError) return error;
  if (error instanceof Error && error.name === 'TimeoutError') {
    return new UpstreamError(
      'timeout',
      service,
      'UPSTREAM_TIMEOUT',
      `${service} did not answer within ${timeoutMs} ms`,
    );
  }
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  const reason = error instanceof Error ? `${error.message}${cause}` : String(error);
  return new UpstreamError('unavailable', service, 'UPSTREAM_UNREACHABLE', `${service} unreachable: ${reason}`);
}

/** An answer that does not match the route's contract: the upstream is broken, not the caller. */
export function invalidAnswer(service: string, status: number, message: string): UpstreamError {
  return new UpstreamError(
    'unavailable',
    service,
    'UPSTREAM_INVALID_ANSWER',
    `${service} answered a body that breaks its contract: ${message.slice(0, 300)}`,
    status,
  );
}
