import { z } from 'zod';

/** Raised when a stored featurizer state is malformed, of another kind or version, or inconsistent. */
export class FeaturizerStateError extends Error {
  override readonly name = 'FeaturizerStateError';
}

/**
 * Validates a stored state with its schema. Throws `FeaturizerStateError` naming the featurizer
 * and every problem found, with its path in the state.
 */
export function parseFeaturizerState<Schema extends z.ZodType>(
  schema: Schema,
  json: unknown,
  featurizer: string,
): z.output<Schema> {
  const result = schema.safeParse(json);
  if (!result.success) throw new FeaturizerStateError(`invalid ${featurizer} state:\n${z.prettifyError(result.error)}`);
  return result.data;
}

/** Throws `FeaturizerStateError` unless a consistency condition of a stored state holds. */
export function requireConsistentState(condition: boolean, featurizer: string, problem: string): void {
  if (!condition) throw new FeaturizerStateError(`invalid ${featurizer} state: ${problem}`);
}

/**
 * An array of integers of at least `min`, checked in one plain loop. A per-element zod schema costs
 * about 0.15 µs an element, which is 80 ms of blocked event loop for the 300,000-feature frequency
 * arrays of a TF-IDF state whenever inference loads a model.
 */
export function integerArraySchema(min: number) {
  return z.custom<number[]>(
    (value) => Array.isArray(value) && value.every((item) => Number.isInteger(item) && (item as number) >= min),
    { message: `expected an array of integers of at least ${min}` },
  );
}

/**
 * An array of non-empty strings, checked in one loop: `z.array(z.string().min(1))` took ~6 ms of
 * every model load on a 50,000-word vocabulary.
 */
export function nonEmptyStringArraySchema() {
  return z.custom<string[]>(
    (value) => Array.isArray(value) && value.every((item) => typeof item === 'string' && item.length > 0),
    { message: 'expected an array of non-empty strings' },
  );
}
