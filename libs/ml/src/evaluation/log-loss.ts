import type { ClassIndices, ProbabilityMatrix } from './predictions.js';
import { ratio } from './ratio.js';

/** Probabilities are clipped to at least this before the logarithm, as scikit-learn clips float64 ones. */
const SMALLEST_PROBABILITY = Number.EPSILON;

/**
 * Mean cross-entropy of the true classes, −mean(ln p(true class)), with the probability clipped
 * to [2^-52, 1] so a confident mistake costs about 36 instead of infinity; 0 without examples.
 */
export function logLoss(truth: ClassIndices, { classes, values }: ProbabilityMatrix): number {
  let sum = 0;
  truth.forEach((trueIndex, example) => {
    const probability = values[example * classes + trueIndex] ?? 0;
    sum -= Math.log(Math.min(1, Math.max(SMALLEST_PROBABILITY, probability)));
  });
  return ratio(sum, truth.length);
}
