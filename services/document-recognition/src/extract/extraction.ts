import type {
  DocumentMetadata,
  EmailHeaders,
  ExtractionMethod,
  RecognitionWarning,
  RecognizedPage,
} from '@mlops/contracts';
import type { RecognitionLimits } from '../config.js';
import type { OcrPool } from '../ocr/ocr-pool.js';
import type { OfficeConverter } from '../office/converter.js';

/** What extraction OCRs with: the service's OCR pool, or (on an extraction worker) a call to it. */
export type OcrEngine = Pick<OcrPool, 'recognize'>;

/** The log lines extraction writes: the request's logger, or (on an extraction worker) a relay to it. */
export interface ExtractionLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

/** What every extractor gets: limits, the deadline's signal, shared engines, and a list to add warnings to. */
export interface ExtractionContext {
  readonly limits: RecognitionLimits;
  readonly signal: AbortSignal;
  readonly ocr: OcrEngine;
  readonly converter: OfficeConverter;
  readonly warnings: RecognitionWarning[];
  readonly logger: ExtractionLogger;
}

/** What an extractor returns; the use case adds the type, hashes, warnings and timing. */
export interface Extraction {
  readonly method: ExtractionMethod;
  readonly pages: RecognizedPage[];
  readonly metadata: DocumentMetadata;
  readonly email: EmailHeaders | null;
}

/** Metadata with every field absent, for formats that carry none. */
export function emptyMetadata(): DocumentMetadata {
  return {
    title: null,
    author: null,
    subject: null,
    keywords: null,
    creator: null,
    producer: null,
    language: null,
    createdAt: null,
    modifiedAt: null,
  };
}
