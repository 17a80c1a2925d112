import type { RecognitionLimits } from '../config.js';
import type { DeclaredType } from '../sniffing/declared-type.js';

/** What the extraction worker is given once: the limits every extraction runs under. */
export interface ExtractionWorkerData {
  readonly limits: RecognitionLimits;
}

/** One file to extract, its bytes moved to the worker. */
export interface ExtractionTask {
  readonly bytes: ArrayBuffer;
  readonly declared: DeclaredType;
}

/** What an extraction asks of the service's thread: OCR of a rendered page or image, or an office conversion. */
export type ExtractionCall =
  | { readonly op: 'ocr'; readonly image: ArrayBuffer }
  | { readonly op: 'convert'; readonly bytes: ArrayBuffer; readonly extension: string };

/** A log line of an extraction, written by the request's logger. */
export interface ExtractionLogLine {
  readonly level: 'info' | 'warn';
  readonly details: object;
  readonly message: string;
}

/** A copy of some bytes in an ArrayBuffer of their own, to be moved to another thread. */
export function ownBuffer(bytes: Uint8Array): ArrayBuffer {
  const copy = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(copy).set(bytes);
  return copy;
}
