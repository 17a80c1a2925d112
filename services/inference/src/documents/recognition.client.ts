import { Readable } from 'node:stream';
import { RECOGNITION_ERROR_CODES, recognitionResultSchema, type RecognitionResult } from '@mlops/contracts';

/**
 * Why an extraction failed: document-recognition refused the file (a 4xx: the file is the
 * problem), could not answer (down, 5xx, an unexpected body), or took too long.
 */
export type RecognitionFailure =
  | { readonly kind: 'refused'; readonly status: number; readonly code: string; readonly detail: string }
  | { readonly kind: 'unavailable'; readonly detail: string }
  | { readonly kind: 'timeout'; readonly detail: string };

/** A failed call to `POST /v1/extract`. */
export class RecognitionError extends Error {
  override readonly name = 'RecognitionError';

  constructor(readonly failure: RecognitionFailure) {
    super(failure.detail);
  }
}

/** Where document-recognition is and how long one extraction may take, the upload included. */
export interface RecognitionClientOptions {
  readonly baseUrl: string;
  readonly timeoutMs: number;
}

async function failureOf(response: Response): Promise<RecognitionFailure> {
  const text = await response.text().catch(() => '');
  let code = `RECOGNITION_HTTP_${response.status}`;
  let detail = text.slice(0, 500);
  try {
    const problem = JSON.parse(text) as { code?: unknown; detail?: unknown };
    if (typeof problem.code === 'string') code = problem.code;
    if (typeof problem.detail === 'string') detail = problem.detail;
  } catch {
    // not problem+json: keep the raw text
  }
  if (code === RECOGNITION_ERROR_CODES.timeout) return { kind: 'timeout', detail };
  if (response.status >= 500 || response.status === 408 || response.status === 429) {
    return { kind: 'unavailable', detail: `document-recognition answered ${response.status} ${code}: ${detail}` };
  }
  return { kind: 'refused', status: response.status, code, detail };
}

function transportFailure(error: unknown, timeoutMs: number): RecognitionFailure {
  if (error instanceof Error && error.name === 'TimeoutError') {
    return { kind: 'timeout', detail: `document-recognition did not answer within ${timeoutMs} ms` };
  }
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  const reason = error instanceof Error ? `${error.message}${cause}` : String(error);
  return { kind: 'unavailable', detail: `document-recognition unreachable: ${reason}` };
}

function parseResult(text: string): RecognitionResult {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const parsed = recognitionResultSchema.safeParse(body);
  if (parsed.success) return parsed.data;
  throw new RecognitionError({
    kind: 'unavailable',
    detail: `document-recognition answered an unexpected body: ${parsed.error.message.slice(0, 300)}`,
  });
}

/** Typed client of document-recognition's `POST /v1/extract`. */
export class RecognitionClient {
  constructor(private readonly options: RecognitionClientOptions) {}

  /**
   * Streams a file to `POST /v1/extract` as a raw body (nothing buffered here) and returns the
   * validated result, or throws RecognitionError. The content is destroyed when the call fails.
   */
  async extract(content: Readable, filename: string | null): Promise<RecognitionResult> {
    const query = filename === null ? '' : `?filename=${encodeURIComponent(filename)}`;
    try {
      const response = await fetch(`${this.options.baseUrl}/v1/extract${query}`, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream' },
        body: Readable.toWeb(content) as ReadableStream,
        duplex: 'half',
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      if (!response.ok) throw new RecognitionError(await failureOf(response));
      return parseResult(await response.text());
    } catch (error) {
      content.destroy();
      if (error instanceof RecognitionError) throw error;
      throw new RecognitionError(transportFailure(error, this.options.timeoutMs));
    }
  }
}
