import { buffer } from 'node:stream/consumers';
import { callRoute, UpstreamError, type ClientOptions } from '@mlops/clients';
import { recognitionErrors } from '../errors.js';
import type { OfficeConverter } from './converter.js';
import { gotenbergConvertRoute as route } from './gotenberg.route.js';

const MAX_DETAIL_CHARS = 300;

/** Converts office files with gotenberg's LibreOffice route (`POST /forms/libreoffice/convert`). */
export class GotenbergConverter implements OfficeConverter {
  readonly name = 'gotenberg';
  private readonly client: ClientOptions;
  private readonly endpoint: string;

  /** `timeoutMs` bounds one conversion; the extraction's own deadline usually stops it sooner. */
  constructor(baseUrl: string, timeoutMs: number) {
    this.client = { baseUrl: baseUrl.replace(/\/+$/, ''), timeoutMs };
    this.endpoint = `${this.client.baseUrl}${route.path}`;
  }

  /**
   * Sends the file as `files` (named `document.<extension>`, since gotenberg picks the reader by
   * extension) and returns the PDF. A 4xx answer means the file is unreadable
   * (`RECOGNITION_CONVERSION_FAILED`); no (whole) answer or a 5xx, that gotenberg failed
   * (`RECOGNITION_CONVERTER_FAILED`).
   */
  async toPdf(bytes: Buffer, extension: string, signal: AbortSignal): Promise<Buffer> {
    try {
      const answer = await callRoute(
        route,
        { upload: { files: { content: bytes, filename: `document.${extension}` } } },
        this.client,
        { signal },
      );
      return await buffer(answer.body);
    } catch (error) {
      signal.throwIfAborted();
      throw this.recognitionError(error);
    }
  }

  private recognitionError(error: unknown): Error {
    const status = error instanceof UpstreamError ? error.status : undefined;
    const detail = (error instanceof UpstreamError ? error.detail : String(error)).slice(0, MAX_DETAIL_CHARS);
    if (status !== undefined && status >= 400 && status < 500) {
      return recognitionErrors.conversionFailed(`gotenberg could not convert the file (${status}): ${detail}`);
    }
    if (status !== undefined && status >= 500) {
      return recognitionErrors.converterFailed(`gotenberg answered ${status}: ${detail}`);
    }
    return recognitionErrors.converterFailed(`gotenberg at ${this.endpoint} did not answer: ${detail}`);
  }
}
