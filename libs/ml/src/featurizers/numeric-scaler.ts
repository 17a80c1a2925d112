import { z } from 'zod';
import type { SparseVector } from '../core/sparse-vector.js';
import { parseFeaturizerState, requireConsistentState } from './featurizer-state.js';

/** Named numeric values of one example (e.g. layout features: pageCount, textCoverage). */
export type NumericValues = Readonly<Record<string, number>>;

const featureNamesSchema = z
  .array(z.string().min(1))
  .min(1)
  .refine((names) => new Set(names).size === names.length, { message: 'feature names must be unique' });

/** Which named numeric features are scaled, in feature id order. */
export const numericScalerOptionsSchema = z.strictObject({
  features: featureNamesSchema.describe('names of the numeric features, in feature id order'),
});
/** Numeric scaler options. */
export type NumericScalerOptions = z.output<typeof numericScalerOptionsSchema>;

/** The stored state of a numeric scaler: each feature's training mean and standard deviation. */
export const numericScalerStateSchema = z.strictObject({
  kind: z.literal('numeric-scaler'),
  version: z.literal(1),
  features: z.array(
    z.strictObject({
      name: z.string().min(1),
      mean: z.number(),
      std: z.number().positive().describe('population standard deviation; 1 when the training values are constant'),
    }),
  ),
});
/** The stored state of a numeric scaler. */
export type NumericScalerState = z.output<typeof numericScalerStateSchema>;

/**
 * Standard scaling of named numeric features, as scikit-learn's StandardScaler: (value − mean) / std
 * with the training mean and population standard deviation (std 1 when it is 0). A missing or
 * non-finite value becomes 0 after scaling, the training mean.
 */
export interface NumericScaler {
  /** The feature names, in feature id order. */
  readonly features: readonly string[];
  /** The number of features. */
  readonly dimension: number;
  /** The scaled values, feature `i` at id `i`, zeros left out. */
  transform(values?: NumericValues): SparseVector;
  /** The state to store, plain JSON. */
  toJSON(): NumericScalerState;
}

/**
 * Fits the means and standard deviations on the training rows, ignoring missing and non-finite
 * values; a feature without any training value gets mean 0 and std 1.
 */
export function fitNumericScaler(
  options: NumericScalerOptions,
  rows: Iterable<NumericValues | undefined>,
): NumericScaler {
  const { features } = numericScalerOptionsSchema.parse(options);
  const accumulators = features.map((name) => ({ name, count: 0, mean: 0, squaredDeviations: 0 }));
  for (const row of rows) {
    for (const accumulator of accumulators) {
      const value = row?.[accumulator.name];
      if (value === undefined || !Number.isFinite(value)) continue;
      accumulator.count++;
      const delta = value - accumulator.mean;
      accumulator.mean += delta / accumulator.count;
      accumulator.squaredDeviations += delta * (value - accumulator.mean);
    }
  }
  return restoreNumericScaler({
    kind: 'numeric-scaler',
    version: 1,
    features: accumulators.map(({ name, count, mean, squaredDeviations }) => {
      const std = count > 0 ? Math.sqrt(squaredDeviations / count) : 0;
      return { name, mean, std: std > 0 ? std : 1 };
    }),
  });
}

/** Rebuilds a numeric scaler from its stored state; throws `FeaturizerStateError` when it is invalid. */
export function numericScalerFromJSON(json: unknown): NumericScaler {
  return restoreNumericScaler(parseFeaturizerState(numericScalerStateSchema, json, 'numeric scaler'));
}

/** Rebuilds a numeric scaler from a validated state. */
export function restoreNumericScaler(state: NumericScalerState): NumericScaler {
  const features = state.features.map(({ name }) => name);
  requireConsistentState(new Set(features).size === features.length, 'numeric scaler', 'feature names are not unique');
  const statistics = state.features.map(({ name, mean, std }) => ({ name, mean, std }));
  return {
    features,
    dimension: features.length,
    transform(values) {
      const ids: number[] = [];
      const scaled: number[] = [];
      statistics.forEach(({ name, mean, std }, id) => {
        const value = values?.[name];
        if (value === undefined || !Number.isFinite(value)) return;
        const scaledValue = Math.fround((value - mean) / std);
        if (scaledValue === 0) return;
        ids.push(id);
        scaled.push(scaledValue);
      });
      return { ids: Int32Array.from(ids), values: Float32Array.from(scaled) };
    },
    toJSON: () => ({ ...state, features: state.features.map((feature) => ({ ...feature })) }),
  };
}
