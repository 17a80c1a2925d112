import { Readable } from 'node:stream';
import { RECOGNITION_ERROR_CODES, recognitionResultSchema, type RecognitionResult } from '@mlops/contracts';
import { unreachable, upstreamError, UpstreamUnavailableError } from './upstream-errors.js';

/** Problems of `POST /v1/extract` that may pass on a retry (the others are final for the same bytes). */
const TRANSIENT_CODES = [RECOGNITION_ERROR_CODES.timeout, RECOGNITION_ERROR_CODES.converterFailed];

/** Typed client of document-recognition. */
export class RecognitionClient {
  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs: number,
  ) {}

  /**
   * Streams a file to `POST /v1/extract` (raw body, no buffering) and returns the validated
   * result. A 4xx throws UpstreamRejectedError (the file itself is bad); anything else that goes
   * wrong throws UpstreamUnavailableError. Not retried here: the caller reopens the stream.
   */
  async extract(content: Readable, filename: string): Promise<RecognitionResult> {
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}/v1/extract?filename=${encodeURIComponent(filename)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream' },
        body: Readable.toWeb(content) as ReadableStream,
        duplex: 'half',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      content.destroy();
      throw unreachable('document-recognition', error);
    }
    if (!response.ok) throw await upstreamError('document-recognition', response, TRANSIENT_CODES);
    const parsed = recognitionResultSchema.safeParse(await response.json());
    if (!parsed.success)
      throw new UpstreamUnavailableError(
        `document-recognition answered an unexpected body: ${parsed.error.message.slice(0, 300)}`,
      );
    return parsed.data;
  }
}
