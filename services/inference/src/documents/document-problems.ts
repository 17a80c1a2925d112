import type { RecognitionResult } from '@mlops/contracts';
import { inferenceErrors } from '../errors.js';
import type { RecognitionFailure } from './recognition.client.js';

/** The upload field every document problem points at. */
export const FILE_FIELD = 'file';
const FILE_POINTER = `/body/${FILE_FIELD}`;

function named(filename: string | null): string {
  return filename ?? 'the uploaded file';
}

/** The file is larger than MAX_DOCUMENT_BYTES (413, naming the limit). */
export function documentTooLarge(maxBytes: number): Error {
  const message = `larger than ${maxBytes} bytes (MAX_DOCUMENT_BYTES)`;
  return inferenceErrors.documentTooLarge(`${FILE_POINTER}: ${message}`, [{ pointer: FILE_POINTER, message }]);
}

/** No file part, a part under another name, or a body that is no upload (400, naming the field). */
export function documentMissing(detail: string, field = FILE_FIELD): Error {
  return inferenceErrors.documentMissing(detail, [
    { pointer: `/body/${field}`, message: field === FILE_FIELD ? 'required' : `unexpected field; use "${FILE_FIELD}"` },
  ]);
}

/**
 * The problem a failed extraction answers with. A file document-recognition refuses keeps the
 * meaning of its status (413 too large, 415 unsupported, 422 anything else it cannot read), its
 * code and detail, and points at `/body/file`; recognition down or too slow is a 502 or 504.
 */
export function recognitionProblem(failure: RecognitionFailure, filename: string | null): Error {
  switch (failure.kind) {
    case 'unavailable':
      return inferenceErrors.recognitionUnavailable(failure.detail);
    case 'timeout':
      return inferenceErrors.recognitionTimeout(failure.detail);
    case 'refused': {
      const message = `${failure.code}: ${failure.detail}`;
      const fieldErrors = [{ pointer: FILE_POINTER, message }];
      const detail = `${named(filename)}: ${message}`;
      if (failure.status === 413) return inferenceErrors.documentTooLarge(detail, fieldErrors);
      if (failure.status === 415) return inferenceErrors.documentUnsupported(detail, fieldErrors);
      return inferenceErrors.documentUnreadable(detail, fieldErrors);
    }
  }
}

/**
 * Refuses an extracted text the model cannot classify: none at all (422), or longer than
 * MAX_TEXT_CHARS (413), both pointing at `/body/file`.
 */
export function checkExtractedText(result: RecognitionResult, filename: string | null, maxTextChars: number): void {
  if (result.text.trim().length === 0) {
    const message = `no text found (${result.type.kind}, ${result.pageCount} page(s), method ${result.method})`;
    throw inferenceErrors.documentWithoutText(`${named(filename)}: ${message}`, [{ pointer: FILE_POINTER, message }]);
  }
  if (result.text.length > maxTextChars) {
    const message = `the extracted text has ${result.text.length} characters; at most ${maxTextChars} (MAX_TEXT_CHARS)`;
    throw inferenceErrors.textTooLong(`${named(filename)}: ${message}`, [{ pointer: FILE_POINTER, message }]);
  }
}
