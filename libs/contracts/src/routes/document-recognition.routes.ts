import { RECOGNITION_ERROR_CODES, extractQuerySchema, recognitionResultSchema } from '../recognition.js';
import { defineRoute } from '../route.js';

const service = 'document-recognition';

/** The routes of document-recognition. */
export const recognitionRoutes = {
  extract: defineRoute({
    service,
    method: 'POST',
    path: '/v1/extract',
    tags: ['extraction'],
    scope: 'ingest',
    summary: 'Extract text, pages, metadata and layout features from one file',
    description:
      'Send the file as the part `file` of a `multipart/form-data` body, or as a raw `application/octet-stream` body ' +
      '(then `?filename=` may carry its name). The type is sniffed from the bytes; PDF (text layer, OCR of pages ' +
      'without one), PNG, JPEG, TIFF (OCR), DOCX, other office formats (through gotenberg or LibreOffice), e-mail ' +
      '(.eml) and plain text are supported.',
    query: extractQuerySchema,
    upload: { field: 'file', rawMediaTypes: ['application/octet-stream'], description: 'the document' },
    responses: { 200: recognitionResultSchema },
    errors: [400, 413, 415, 422, 502, 503],
    timeoutCodes: [RECOGNITION_ERROR_CODES.timeout],
    idempotent: true,
  }),
} as const;
