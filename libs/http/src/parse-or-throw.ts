import type { z } from 'zod';
import { httpErrors } from './errors/common-errors.js';

/**
 * Validates a value the route could not declare as its schema (a multipart field, an import
 * line) and returns it parsed, or throws the same 400 problem a schema failure gives, with
 * JSON pointers rooted at `pointerRoot` (`/body/metadata`).
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, pointerRoot: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const fieldErrors = result.error.issues.map((issue) => ({
    pointer: [pointerRoot, ...issue.path.map((token) => String(token).replace(/~/g, '~0').replace(/\//g, '~1'))].join(
      '/',
    ),
    message: issue.message,
  }));
  throw httpErrors.validationFailed(fieldErrors.map((e) => `${e.pointer}: ${e.message}`).join('; '), fieldErrors);
}
