/**
 * `numerator / denominator`, and 0 when the denominator is 0. Every metric of the evaluation
 * report divides with this, so an empty class, bin or test set gives 0, never NaN (as
 * scikit-learn's `zero_division=0`).
 */
export function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : numerator / denominator;
}
