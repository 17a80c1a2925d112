import { RECOGNITION_ERROR_CODES as codes } from '@mlops/contracts';
import { AppError, defineError, type AppErrorFactory } from '@mlops/http';

/** Errors of `POST /v1/extract`: what is wrong with the file, or why it could not be extracted. */
export const recognitionErrors: Readonly<Record<keyof typeof codes, AppErrorFactory>> = {
  fileMissing: defineError(codes.fileMissing, 400, 'No file in the request'),
  fileTooLarge: defineError(codes.fileTooLarge, 413, 'File too large'),
  empty: defineError(codes.empty, 422, 'The file is empty'),
  unsupportedType: defineError(codes.unsupportedType, 415, 'Unsupported file type'),
  corrupt: defineError(codes.corrupt, 422, 'The file is corrupt or truncated'),
  encrypted: defineError(codes.encrypted, 422, 'The file is encrypted'),
  imageTooLarge: defineError(codes.imageTooLarge, 422, 'Image dimensions exceed the limit'),
  tooManyPages: defineError(codes.tooManyPages, 422, 'Too many pages'),
  timeout: defineError(codes.timeout, 422, 'Extraction took too long'),
  converterUnavailable: defineError(codes.converterUnavailable, 422, 'No converter for this office format'),
  conversionFailed: defineError(codes.conversionFailed, 422, 'The converter could not read the file'),
  converterFailed: defineError(codes.converterFailed, 502, 'The converter failed'),
  badUpload: defineError(codes.badUpload, 400, 'Malformed upload'),
  memoryLimit: defineError(codes.memoryLimit, 422, 'Extraction needed too much memory'),
  busy: defineError(codes.busy, 503, 'Every extraction worker is busy'),
};

/** Whether an error is one of the coded errors above (or another registered one), rather than a failure. */
export function isCodedError(error: unknown): error is AppError {
  return error instanceof AppError;
}

const byCode = new Map<string, AppErrorFactory>(
  Object.values(recognitionErrors).map((factory) => [factory.code, factory]),
);

/** The factory of a recognition error code, to rebuild an error thrown on an extraction worker. */
export function recognitionErrorOf(code: string | undefined): AppErrorFactory | undefined {
  return code === undefined ? undefined : byCode.get(code);
}

/**
 * Re-issues a recognition error about a file so that the problem names it: the detail starts
 * with the file name and a field error points at the upload field. Other errors pass unchanged.
 */
export function namingFile(error: unknown, filename: string | null, field: string): unknown {
  if (!isCodedError(error)) return error;
  const { code, message, fieldErrors } = error;
  const factory = byCode.get(code);
  if (!factory || fieldErrors !== undefined) return error;
  const name = filename ?? 'the uploaded file';
  return factory(`${name}: ${message}`, [{ pointer: `/body/${field}`, message: `${name}: ${message}` }]);
}
