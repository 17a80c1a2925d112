import { recognitionErrors } from '../errors.js';
import type { OfficeConverter } from './converter.js';

/** Converts office files with gotenberg's LibreOffice route (`POST /forms/libreoffice/convert`). */
export class GotenbergConverter implements OfficeConverter {
  readonly name = 'gotenberg';
  private readonly endpoint: string;

  constructor(baseUrl: string) {
    this.endpoint = `${baseUrl.replace(/\/+$/, '')}/forms/libreoffice/convert`;
  }

  /**
   * Sends the file as `files` (named `document.<extension>`, since gotenberg picks the reader by
   * extension) and returns the PDF. A 4xx answer means the file is unreadable
   * (`RECOGNITION_CONVERSION_FAILED`); no answer or a 5xx, that gotenberg failed (`RECOGNITION_CONVERTER_FAILED`).
   */
  async toPdf(bytes: Buffer, extension: string, signal: AbortSignal): Promise<Buffer> {
    const form = new FormData();
    form.append('files', new Blob([new Uint8Array(bytes)]), `document.${extension}`);
    let response: Response;
    try {
      response = await fetch(this.endpoint, { method: 'POST', body: form, signal });
    } catch (error) {
      signal.throwIfAborted();
      throw recognitionErrors.converterFailed(
        `gotenberg at ${this.endpoint} did not answer: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    if (response.ok) return Buffer.from(await response.arrayBuffer());
    const detail = (await response.text().catch(() => '')).slice(0, 300);
    if (response.status >= 400 && response.status < 500) {
      throw recognitionErrors.conversionFailed(`gotenberg could not convert the file (${response.status}): ${detail}`);
    }
    throw recognitionErrors.converterFailed(`gotenberg answered ${response.status}: ${detail}`);
  }
}
