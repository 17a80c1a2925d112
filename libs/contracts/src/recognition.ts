import { z } from 'zod';

/**
 * Contracts of document-recognition (`POST /v1/extract`). The page features are stored by the
 * feature-store as features of a document: names, units and ranges here are part of the contract.
 */

/** What a file really is, sniffed from its bytes. */
export const documentKindSchema = z.enum(['pdf', 'image', 'docx', 'office', 'email', 'text']);
export type DocumentKind = z.infer<typeof documentKindSchema>;

/** How the text of a whole document was obtained. */
export const extractionMethodSchema = z.enum(['text-layer', 'ocr', 'docx', 'email', 'converted', 'plain']);
export type ExtractionMethod = z.infer<typeof extractionMethodSchema>;

/**
 * Where the text of one page came from: the PDF text layer, OCR of the rendered page or image,
 * or the file's own structure (DOCX paragraphs, e-mail body, plain text).
 */
export const pageTextSourceSchema = z.enum(['text-layer', 'ocr', 'native']);

const ratio = z.number().min(0).max(1);
const count = z.number().int().min(0);

/**
 * Language-independent layout and visual features of one page. Ratios are in [0, 1]; the
 * geometric ones are `null` for formats without page geometry (DOCX, e-mail, plain text).
 */
export const pageFeaturesSchema = z.strictObject({
  /** Characters of the page text, whitespace excluded. */
  charCount: count,
  /** Whitespace-separated tokens of the page text. */
  wordCount: count,
  /** Text lines (PDF lines grouped by baseline, OCR lines, non-empty lines of flowing text). */
  lineCount: count,
  /** Text blocks: paragraphs separated by vertical gaps, OCR blocks, blank-line separated paragraphs. */
  blockCount: count,
  /** Area covered by text boxes (glyph runs or OCR words) divided by the page area. */
  textCoverage: ratio.nullable(),
  /** Area covered by raster images divided by the page area (1 for an image file). */
  imageRatio: ratio.nullable(),
  /** Mean word confidence of OCR, 0 to 100; `null` when OCR did not run on the page. */
  meanOcrConfidence: z.number().min(0).max(100).nullable(),
  /** The page is a raster: its text came from OCR, or one or more images cover at least 90 % of it. */
  scanned: z.boolean(),
});
export type PageFeatures = z.infer<typeof pageFeaturesSchema>;

/** Page size in PDF points (1/72 inch) or, for image files, in pixels. */
export const pageSizeSchema = z.strictObject({
  width: z.number().positive(),
  height: z.number().positive(),
  unit: z.enum(['pt', 'px']),
});

/** One page of an extracted document (flowing formats have a single page). */
export const recognizedPageSchema = z.strictObject({
  number: z.number().int().min(1),
  text: z.string(),
  source: pageTextSourceSchema,
  size: pageSizeSchema.nullable(),
  features: pageFeaturesSchema,
});
export type RecognizedPage = z.infer<typeof recognizedPageSchema>;

/** Document metadata, when the format carries it; dates as ISO 8601. */
export const documentMetadataSchema = z.strictObject({
  title: z.string().nullable(),
  author: z.string().nullable(),
  subject: z.string().nullable(),
  keywords: z.string().nullable(),
  creator: z.string().nullable(),
  producer: z.string().nullable(),
  language: z.string().nullable(),
  createdAt: z.iso.datetime().nullable(),
  modifiedAt: z.iso.datetime().nullable(),
});
export type DocumentMetadata = z.infer<typeof documentMetadataSchema>;

/** An attachment of an e-mail: listed, not extracted. */
export const emailAttachmentSchema = z.strictObject({
  filename: z.string().nullable(),
  contentType: z.string(),
  size: count,
});

/** Headers of an e-mail (`.eml`, RFC 5322); the body is the document text. */
export const emailHeadersSchema = z.strictObject({
  from: z.string().nullable(),
  to: z.array(z.string()),
  cc: z.array(z.string()),
  subject: z.string().nullable(),
  date: z.iso.datetime().nullable(),
  messageId: z.string().nullable(),
  /** The body came from an HTML part converted to text (no plain-text part). */
  htmlBody: z.boolean(),
  attachments: z.array(emailAttachmentSchema),
});
export type EmailHeaders = z.infer<typeof emailHeadersSchema>;

/** Something worth knowing about an extraction that still succeeded. */
export const recognitionWarningCodeSchema = z.enum([
  'DECLARED_TYPE_MISMATCH',
  'TEXT_ENCODING_FALLBACK',
  'PAGE_RENDER_DOWNSCALED',
  'PAGE_UNREADABLE',
]);
export const recognitionWarningSchema = z.strictObject({
  code: recognitionWarningCodeSchema,
  message: z.string(),
  page: z.number().int().min(1).optional(),
});
export type RecognitionWarning = z.infer<typeof recognitionWarningSchema>;

/** Response of `POST /v1/extract`. */
export const recognitionResultSchema = z.strictObject({
  type: z.strictObject({
    kind: documentKindSchema,
    mime: z.string(),
    extension: z.string(),
  }),
  /** What the client said the file was; never trusted, only compared with the sniffed type. */
  declared: z.strictObject({
    filename: z.string().nullable(),
    mime: z.string().nullable(),
  }),
  bytes: count,
  sha256: z.string().regex(/^[a-f0-9]{64}$/),
  method: extractionMethodSchema,
  /** Most pages (at least half) are scanned. */
  scanned: z.boolean(),
  pageCount: count,
  /** The pages' text joined by blank lines. */
  text: z.string(),
  pages: z.array(recognizedPageSchema),
  metadata: documentMetadataSchema,
  email: emailHeadersSchema.nullable(),
  warnings: z.array(recognitionWarningSchema),
  durationMs: z.number().min(0),
});
export type RecognitionResult = z.infer<typeof recognitionResultSchema>;

/** Query of `POST /v1/extract` with a raw body (`application/octet-stream`). */
export const extractQuerySchema = z.strictObject({
  filename: z.string().min(1).max(255).optional(),
});

/**
 * Codes of the problems `POST /v1/extract` answers for a file it cannot extract. All are
 * permanent for the same bytes (retrying does not help) except `RECOGNITION_CONVERTER_FAILED`
 * (502, the converter is down or failed) and `RECOGNITION_TIMEOUT` (may pass on a quieter server).
 */
export const RECOGNITION_ERROR_CODES = {
  fileMissing: 'RECOGNITION_FILE_MISSING',
  fileTooLarge: 'RECOGNITION_FILE_TOO_LARGE',
  empty: 'RECOGNITION_EMPTY',
  unsupportedType: 'RECOGNITION_UNSUPPORTED_TYPE',
  corrupt: 'RECOGNITION_CORRUPT',
  encrypted: 'RECOGNITION_ENCRYPTED',
  imageTooLarge: 'RECOGNITION_IMAGE_TOO_LARGE',
  tooManyPages: 'RECOGNITION_TOO_MANY_PAGES',
  timeout: 'RECOGNITION_TIMEOUT',
  converterUnavailable: 'RECOGNITION_CONVERTER_UNAVAILABLE',
  conversionFailed: 'RECOGNITION_CONVERSION_FAILED',
  converterFailed: 'RECOGNITION_CONVERTER_FAILED',
  badUpload: 'RECOGNITION_BAD_UPLOAD',
  /** 422: extracting the file needed more than the worker's heap limit (RECOGNITION_WORKER_MEMORY_MB). */
  memoryLimit: 'RECOGNITION_MEMORY_LIMIT',
  /** 503 with Retry-After: every extraction worker and queue place is taken. */
  busy: 'RECOGNITION_BUSY',
} as const;
