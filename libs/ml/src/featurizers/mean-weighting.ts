import { z } from 'zod';
import type { SparseVector } from '../core/sparse-vector.js';
import { parseFeaturizerState } from './featurizer-state.js';
import { allocateSparseVector } from './vector-slab.js';

/** The stored state of a mean weighting: it learns nothing, so only its kind and version. */
export const meanWeightingStateSchema = z.strictObject({ kind: z.literal('mean'), version: z.literal(1) });
/** The stored state of a mean weighting. */
export type MeanWeightingState = z.output<typeof meanWeightingStateSchema>;

/**
 * fastText's embedding bag: every feature occurrence weighs 1 / (occurrences in the text), so the
 * values of a vector are its counts divided by their total and sum to 1.
 */
export interface MeanWeighting {
  readonly kind: 'mean';
  /** Divides a text's feature counts by their total. */
  weigh(counts: SparseVector): SparseVector;
  /** `weigh` of the first `length` ids and counts of two arrays (a `FeatureIdCollector`'s runs). */
  weighRuns(ids: Int32Array, counts: Float64Array, length: number): SparseVector;
  /** The state to store, plain JSON. */
  toJSON(): MeanWeightingState;
}

/** The mean weighting; there is nothing to fit. */
export function createMeanWeighting(): MeanWeighting {
  const weighRuns = (ids: Int32Array, counts: Float64Array, length: number): SparseVector => {
    let total = 0;
    for (let index = 0; index < length; index++) total += counts[index] ?? 0;
    const weighted = allocateSparseVector(length);
    weighted.ids.set(ids.subarray(0, length));
    const { values } = weighted;
    if (total > 0) for (let index = 0; index < length; index++) values[index] = (counts[index] ?? 0) / total;
    return weighted;
  };
  return {
    kind: 'mean',
    weigh: (counts) => weighRuns(counts.ids, Float64Array.from(counts.values), counts.ids.length),
    weighRuns,
    toJSON: () => ({ kind: 'mean', version: 1 }),
  };
}

/** Rebuilds the mean weighting from its stored state; throws `FeaturizerStateError` when it is invalid. */
export function meanWeightingFromJSON(json: unknown): MeanWeighting {
  parseFeaturizerState(meanWeightingStateSchema, json, 'mean weighting');
  return createMeanWeighting();
}
