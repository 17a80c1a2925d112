import type { z } from 'zod';

/** The result of reading a message body: the validated value, or why it was refused. */
export type Decoded<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

/** Validates a payload against its contract and serialises it as JSON; throws on an invalid payload (a bug in the sender). */
export function encodeMessage<S extends z.ZodType>(schema: S, payload: z.input<S>): Buffer {
  return Buffer.from(JSON.stringify(schema.parse(payload)));
}

/** Parses and validates a message body, never throwing: a bad body becomes a reason for the DLQ. */
export function decodeMessage<S extends z.ZodType>(schema: S, body: Buffer): Decoded<z.output<S>> {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch (error) {
    return { ok: false, reason: `body is not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  const result = schema.safeParse(json);
  if (result.success) return { ok: true, value: result.data };
  const issues = result.error.issues.map((issue) => `/${issue.path.join('/')}: ${issue.message}`).join('; ');
  return { ok: false, reason: `body breaks its contract: ${issues}` };
}
