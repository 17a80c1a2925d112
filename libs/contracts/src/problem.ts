import { z } from 'zod';

/** One invalid field of a request, located by a JSON pointer into the request part (`/body/texts/0`). */
export const fieldErrorSchema = z.object({
  pointer: z.string(),
  message: z.string(),
});
export type FieldError = z.infer<typeof fieldErrorSchema>;

/**
 * RFC 9457 problem details, extended with a stable machine code and field errors. Open to other
 * extension members, as the RFC allows (a label conflict carries the `current` label).
 */
export const problemSchema = z.looseObject({
  type: z.string(),
  title: z.string(),
  status: z.number().int().min(400).max(599),
  detail: z.string().optional(),
  instance: z.string().optional(),
  code: z.string(),
  requestId: z.string().optional(),
  errors: z.array(fieldErrorSchema).optional(),
});
export type Problem = z.infer<typeof problemSchema>;

/** One JSON pointer token, escaped (`~` and `/`). */
function pointerToken(token: PropertyKey): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The issues of a failed zod parse as field errors, their pointers rooted at `pointerRoot` (`/body/metadata`). */
export function fieldErrorsOf(error: z.ZodError, pointerRoot: string): FieldError[] {
  return error.issues.map((issue) => ({
    pointer: [pointerRoot, ...issue.path.map(pointerToken)].join('/'),
    message: issue.message,
  }));
}
