import { fieldErrorsOf } from '@mlops/contracts';
import type { z } from 'zod';
import type { AppErrorFactory } from './errors/app-error.js';
import { httpErrors } from './errors/common-errors.js';

/**
 * Validates a value a route could not declare as its schema (a multipart field, an import line)
 * or a use case's input, and returns it parsed. Otherwise throws `invalid` (by default the same
 * 400 a schema failure gives; a use case passes its own coded error) naming every bad field by a
 * JSON pointer rooted at `pointerRoot` (`/body/metadata`, `/input/metrics`).
 */
export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  value: unknown,
  pointerRoot: string,
  invalid: AppErrorFactory = httpErrors.validationFailed,
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const fieldErrors = fieldErrorsOf(result.error, pointerRoot);
  throw invalid(fieldErrors.map((e) => `${e.pointer}: ${e.message}`).join('; '), fieldErrors);
}
