import type { FieldError } from '@mlops/contracts';
import { recognitionErrorOf } from '../errors.js';
import { OcrEngineError } from '../ocr/ocr-pool.js';

/** An error as it crosses between threads: name, message, and a recognition code with its field errors. */
export interface ErrorShape {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
  readonly fieldErrors?: unknown;
}

/**
 * Rebuilds an error that crossed a thread boundary as the class it was thrown as: a recognition
 * error from its code (so it answers its status and names the limit), an OcrEngineError, or a
 * plain error with the original name.
 */
export function reviveError(shape: ErrorShape): Error {
  const factory = recognitionErrorOf(shape.code);
  if (factory) return factory(shape.message, shape.fieldErrors as readonly FieldError[] | undefined);
  if (shape.name === 'OcrEngineError') return new OcrEngineError(shape.message);
  return Object.assign(new Error(shape.message), { name: shape.name });
}
