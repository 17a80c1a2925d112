import type { Random } from '../core/random.js';
import type { SparseVector } from '../core/sparse-vector.js';

/** Shape of random sparse vectors. */
export interface RandomSparseVectorOptions {
  readonly count: number;
  readonly featureCount: number;
  /** Each vector has 0 to maxLength distinct ids (0 gives an empty text, all padding once packed). */
  readonly maxLength: number;
}

function randomVector(random: Random, featureCount: number, maxLength: number): SparseVector {
  const length = random.integer(Math.min(maxLength, featureCount) + 1);
  const ids = new Set<number>();
  while (ids.size < length) ids.add(random.integer(featureCount));
  const sorted = Int32Array.from(ids).sort();
  return { ids: sorted, values: Float32Array.from(sorted, () => random.next()) };
}

/**
 * Seeded random sparse vectors (ascending unique ids, values in [0, 1)) of varied lengths, empty
 * ones included: inputs for export, runtime and parity tests and benchmarks.
 */
export function randomSparseVectors(random: Random, options: RandomSparseVectorOptions): SparseVector[] {
  return Array.from({ length: options.count }, () => randomVector(random, options.featureCount, options.maxLength));
}
