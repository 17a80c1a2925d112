import { createRandom } from '@mlops/ml';

/** A percentile bootstrap interval of a statistic over the test set. */
export interface BootstrapInterval {
  readonly low: number;
  readonly high: number;
  readonly resamples: number;
  readonly level: number;
}

export const BOOTSTRAP_RESAMPLES = 1000;
export const BOOTSTRAP_SEED = 20_261_125;

/**
 * Macro-F1 over the test examples at `indices` (repeats count as many times as they occur), as
 * `score` computes it: labels present in the truth or the predictions of the sample.
 */
function macroF1Of(truth: Int32Array, predicted: Int32Array, labels: number, indices: Int32Array): number {
  const truePositives = new Float64Array(labels);
  const trueCount = new Float64Array(labels);
  const predictedCount = new Float64Array(labels);
  for (const index of indices) {
    const actual = truth[index] ?? 0;
    const guess = predicted[index] ?? 0;
    trueCount[actual] = (trueCount[actual] ?? 0) + 1;
    predictedCount[guess] = (predictedCount[guess] ?? 0) + 1;
    if (actual === guess) truePositives[actual] = (truePositives[actual] ?? 0) + 1;
  }
  let sum = 0;
  let present = 0;
  for (let label = 0; label < labels; label++) {
    const denominator = (trueCount[label] ?? 0) + (predictedCount[label] ?? 0);
    if (denominator === 0) continue;
    present += 1;
    sum += (2 * (truePositives[label] ?? 0)) / denominator;
  }
  return present === 0 ? 0 : sum / present;
}

/** Label strings as indices shared by truth and predictions. */
function encode(
  truth: readonly string[],
  predicted: readonly string[],
): { truth: Int32Array; predicted: Int32Array; labels: number } {
  const ids = new Map<string, number>();
  const idOf = (label: string): number => {
    let id = ids.get(label);
    if (id === undefined) ids.set(label, (id = ids.size));
    return id;
  };
  return { truth: Int32Array.from(truth, idOf), predicted: Int32Array.from(predicted, idOf), labels: ids.size };
}

const percentile = (sorted: Float64Array, q: number): number => {
  const position = q * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.min(sorted.length - 1, below + 1);
  const lower = sorted[below] ?? 0;
  return lower + ((sorted[above] ?? lower) - lower) * (position - below);
};

interface BootstrapOptions {
  readonly resamples?: number;
  readonly seed?: number;
  readonly level?: number;
}

/** Central `level` percentile interval of `statistic` over `resamples` seeded draws of `size` indices with replacement. */
function bootstrap(
  size: number,
  statistic: (indices: Int32Array) => number,
  { resamples = BOOTSTRAP_RESAMPLES, seed = BOOTSTRAP_SEED, level = 0.95 }: BootstrapOptions,
): BootstrapInterval {
  const random = createRandom(seed);
  const indices = new Int32Array(size);
  const values = new Float64Array(resamples);
  for (let sample = 0; sample < resamples; sample++) {
    for (let i = 0; i < size; i++) indices[i] = random.integer(size);
    values[sample] = statistic(indices);
  }
  values.sort();
  return {
    low: percentile(values, (1 - level) / 2),
    high: percentile(values, 1 - (1 - level) / 2),
    resamples,
    level,
  };
}

/**
 * Seeded percentile bootstrap of macro-F1 over the test set: `resamples` samples of the test
 * examples drawn with replacement (the same samples for every contender, since the draws depend
 * only on the seed and the test size), macro-F1 of each, and the central `level` interval.
 * Differences between contenders smaller than these intervals are test-set noise.
 */
export function bootstrapMacroF1(
  truth: readonly string[],
  predicted: readonly string[],
  options: BootstrapOptions = {},
): BootstrapInterval {
  const encoded = encode(truth, predicted);
  return bootstrap(
    truth.length,
    (indices) => macroF1Of(encoded.truth, encoded.predicted, encoded.labels, indices),
    options,
  );
}

/**
 * Paired bootstrap of the macro-F1 difference `a − b` of two contenders on the same test set
 * (the same resamples for both): an interval containing 0 means the test set does not tell them
 * apart.
 */
export function bootstrapMacroF1Difference(
  truth: readonly string[],
  predictedA: readonly string[],
  predictedB: readonly string[],
  options: BootstrapOptions = {},
): BootstrapInterval {
  const encoded = encode(truth, [...predictedA, ...predictedB]);
  const a = encoded.predicted.subarray(0, truth.length);
  const b = encoded.predicted.subarray(truth.length);
  return bootstrap(
    truth.length,
    (indices) =>
      macroF1Of(encoded.truth, a, encoded.labels, indices) - macroF1Of(encoded.truth, b, encoded.labels, indices),
    options,
  );
}
