/** The upstream refused the input for good (a 4xx): retrying the same input cannot help. */
export class UpstreamRejectedError extends Error {
  override readonly name = 'UpstreamRejectedError';

  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The upstream could not answer (network, timeout, 5xx): the same call may pass later. */
export class UpstreamUnavailableError extends Error {
  override readonly name = 'UpstreamUnavailableError';
}

/**
 * Reads a problem+json (or any) error body into the right error kind: 5xx, 408, 429 and the
 * problem codes the upstream documents as transient are retryable; other 4xx are final.
 */
export async function upstreamError(
  service: string,
  response: Response,
  transientCodes: readonly string[] = [],
): Promise<Error> {
  const text = await response.text().catch(() => '');
  let code = `${service.toUpperCase().replace(/-/g, '_')}_HTTP_${response.status}`;
  let detail = text.slice(0, 500);
  try {
    const problem = JSON.parse(text) as { code?: unknown; detail?: unknown };
    if (typeof problem.code === 'string') code = problem.code;
    if (typeof problem.detail === 'string') detail = problem.detail;
  } catch {
    // not JSON: keep the raw text
  }
  const message = `${service} answered ${response.status}: ${detail}`;
  const retryable =
    response.status >= 500 || response.status === 408 || response.status === 429 || transientCodes.includes(code);
  return retryable ? new UpstreamUnavailableError(message) : new UpstreamRejectedError(code, message);
}

/** Turns a fetch failure (refused connection, reset, timeout) into UpstreamUnavailableError. */
export function unreachable(service: string, error: unknown): UpstreamUnavailableError {
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new UpstreamUnavailableError(`${service} unreachable: ${reason}`);
}
