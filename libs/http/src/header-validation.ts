import type { FastifySchemaCompiler, FastifySchemaValidationError } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import type { z } from 'zod';

type Headers = Readonly<Record<string, unknown>>;

function sameAsSent(checked: unknown, sent: unknown): boolean {
  if (typeof checked !== 'object' || checked === null || typeof sent !== 'object' || sent === null) return false;
  for (const name of Object.keys(checked)) if ((checked as Headers)[name] !== (sent as Headers)[name]) return false;
  return true;
}

/**
 * The zod validator compiler, except that checked request headers equal to the ones sent are not
 * handed back to fastify: fastify keeps a returned headers value beside the raw ones and then
 * copies all headers into a new object on every read of `request.headers` (the request log reads
 * it three times). Headers a schema changes (a default, a transform) are handed back as before.
 */
export const validatorKeepingSentHeaders: FastifySchemaCompiler<z.ZodType> = (routeSchema) => {
  const validate = validatorCompiler(routeSchema);
  if (routeSchema.httpPart !== 'headers') return validate;
  return (data: unknown) => {
    const result = validate(data) as { value?: unknown; error?: Error | FastifySchemaValidationError[] };
    return result.error === undefined && sameAsSent(result.value, data) ? {} : result;
  };
};
