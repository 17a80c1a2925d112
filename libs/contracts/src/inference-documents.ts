import { z } from 'zod';
import { predictResponseSchema } from './inference.js';
import { documentKindSchema, extractionMethodSchema, recognitionWarningSchema } from './recognition.js';

/**
 * Query of `POST /v1/models/{name}/predict-document`: the file name of a raw
 * (`application/octet-stream`) upload, and how many of the most probable labels to return.
 */
export const predictDocumentQuerySchema = z.strictObject({
  filename: z.string().min(1).max(255).optional(),
  topK: z.coerce.number().int().min(1).optional(),
});

/** The file a document prediction classified, as document-recognition read it. */
export const predictedDocumentSchema = z.strictObject({
  sha256: z.string().regex(/^[a-f0-9]{64}$/),
  /** What the file really is, sniffed from its bytes. */
  type: z.strictObject({ kind: documentKindSchema, mime: z.string() }),
  pageCount: z.number().int().min(0),
  method: extractionMethodSchema,
  /** Most pages (at least half) are scanned: the text came from OCR. */
  scanned: z.boolean(),
  /** Characters of the extracted text, the one text the model classified. */
  characters: z.number().int().min(1),
  warnings: z.array(recognitionWarningSchema),
});
export type PredictedDocument = z.infer<typeof predictedDocumentSchema>;

/** Response of `predict-document`: the predict response for the extracted text, and the document it came from. */
export const predictDocumentResponseSchema = predictResponseSchema.extend({ document: predictedDocumentSchema });
export type PredictDocumentResponse = z.infer<typeof predictDocumentResponseSchema>;
