import type { z } from 'zod';
import { ConfigError } from './config-error.js';
import { deepFreeze } from './deep-freeze.js';

type Env = Record<string, string | undefined>;

/**
 * Parses an environment with a zod schema (which may transform the flat variables
 * into a nested shape) and returns the frozen result, or throws a ConfigError naming
 * every invalid variable. Empty strings count as unset so `.env` placeholders fall back
 * to defaults.
 */
export function loadConfig<S extends z.ZodType>(schema: S, env: Env = process.env): Readonly<z.output<S>> {
  const cleaned: Env = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && value !== '') cleaned[key] = value;
  }
  const result = schema.safeParse(cleaned);
  if (!result.success) throw ConfigError.fromZod(result.error);
  return deepFreeze(result.data);
}
