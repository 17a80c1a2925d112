import { InvalidArgumentError } from '@commander-js/extra-typings';
import type { z } from 'zod';

/** A flag checked by one of the API's schemas (a usage error, exit 2, naming the flag). */
export function slugFlag(flag: string, schema: z.ZodType<string>): (value: string) => string {
  return (value) => {
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw new InvalidArgumentError(`${flag}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    return parsed.data;
  };
}

/** A positive integer flag. */
export function positiveInt(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError('a whole number of at least 1');
  return number;
}

/** Collects repeated `key=value` flags into an object. */
export function keyValues(value: string, previous: Record<string, string>): Record<string, string> {
  const at = value.indexOf('=');
  if (at < 1) throw new InvalidArgumentError(`"${value}" is not key=value`);
  return { ...previous, [value.slice(0, at)]: value.slice(at + 1) };
}
