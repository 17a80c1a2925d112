import { UpstreamError } from '@mlops/clients';

/** Why a document can never be processed: retrying the same document cannot help. */
export class DocumentRefusedError extends Error {
  override readonly name = 'DocumentRefusedError';

  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** What went wrong, as a document's error shows it: `nlp answered 503: ...`, `nlp unreachable: ...`. */
export function failureMessage(error: unknown): string {
  if (!(error instanceof UpstreamError)) return error instanceof Error ? error.message : String(error);
  const ownWords = error.status === undefined || error.code.startsWith('UPSTREAM_');
  return ownWords ? error.detail : `${error.service} answered ${error.status}: ${error.detail}`;
}

/**
 * The final failure an error means for a document: an upstream's refusal of its input (a 4xx
 * other than a timeout) or a DocumentRefusedError. Undefined when a later attempt may pass
 * (unreachable, 5xx, timeouts, anything else).
 */
export function finalFailureOf(error: unknown): { code: string; message: string } | undefined {
  if (error instanceof DocumentRefusedError) return { code: error.code, message: error.message };
  if (error instanceof UpstreamError && !error.retryable) return { code: error.code, message: failureMessage(error) };
  return undefined;
}
