import { z } from 'zod';

/** The most buckets a hashed featurizer may use (2^24), keeping every feature id a safe Int32. */
const MAX_BUCKETS = 2 ** 24;

/** How many buckets a hashed featurizer spreads its n-grams over. */
export function bucketsSchema(defaultBuckets: number) {
  return z
    .number()
    .int()
    .min(1)
    .max(MAX_BUCKETS)
    .default(defaultBuckets)
    .describe(`number of hash buckets, at most 2^24 (default ${defaultBuckets})`);
}
