import type { FieldError } from '@mlops/contracts';
import type { FastifySchemaValidationError } from 'fastify';

function escapePointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/**
 * Turns fastify/zod validation issues into field errors located by JSON pointers that start
 * with the request part (`/body/dataset/version`, `/params/id`, `/querystring/limit`).
 * Unknown keys get one error each, pointing at the key itself.
 */
export function toFieldErrors(issues: readonly FastifySchemaValidationError[], part: string | undefined): FieldError[] {
  const root = `/${part ?? 'body'}`;
  return issues.flatMap((issue) => {
    const base = issue.instancePath === '/' ? root : `${root}${issue.instancePath}`;
    const keys: unknown = issue.params.keys;
    if (issue.keyword === 'unrecognized_keys' && isStringArray(keys)) {
      return keys.map((key) => ({ pointer: `${base}/${escapePointerToken(key)}`, message: 'unknown field' }));
    }
    return [{ pointer: base, message: issue.message ?? 'invalid value' }];
  });
}
