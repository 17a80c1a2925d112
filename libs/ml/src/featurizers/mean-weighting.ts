import { z } from 'zod';
import type { SparseVector } from '../core/sparse-vector.js';
import { parseFeaturizerState } from './featurizer-state.js';

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
  /** The state to store, plain JSON. */
  toJSON(): MeanWeightingState;
}

/** The mean weighting; there is nothing to fit. */
export function createMeanWeighting(): MeanWeighting {
  return {
    kind: 'mean',
    weigh(counts) {
      let total = 0;
      for (const count of counts.values) total += count;
      const values = new Float32Array(counts.values.length);
      if (total > 0)
        for (let index = 0; index < values.length; index++) values[index] = (counts.values[index] ?? 0) / total;
      return { ids: counts.ids.slice(), values };
    },
    toJSON: () => ({ kind: 'mean', version: 1 }),
  };
}

/** Rebuilds the mean weighting from its stored state; throws `FeaturizerStateError` when it is invalid. */
export function meanWeightingFromJSON(json: unknown): MeanWeighting {
  parseFeaturizerState(meanWeightingStateSchema, json, 'mean weighting');
  return createMeanWeighting();
}
