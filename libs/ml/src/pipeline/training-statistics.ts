import { z } from 'zod';
import { histogramOf, histogramSchema, quantileEdges } from './histogram.js';

/**
 * Decile edges plus one just above the largest value: live values beyond anything seen in
 * training fall in a bin of their own, whose expected share is 0, so drift there is visible.
 */
function edgesWithOverflow(values: readonly number[]): number[] {
  if (values.length === 0) return [];
  const largest = values.reduce((max, value) => Math.max(max, value), -Infinity);
  return [...quantileEdges(values), largest + Math.max(1e-9, Math.abs(largest) * 1e-9)];
}

/**
 * What serving compares live traffic with to detect drift: the training label shares, the shares
 * of labels the model predicted on the test set, the distribution of text length (characters) over
 * the training texts and of out-of-vocabulary rate over the held-out texts, binned at their
 * deciles with one more bin above the largest value.
 */
export const trainingStatisticsSchema = z.strictObject({
  labels: z.record(z.string(), z.number().min(0).max(1)),
  predictedLabels: z.record(z.string(), z.number().min(0).max(1)),
  textLength: histogramSchema,
  outOfVocabularyRate: histogramSchema,
  examples: z.number().int().min(0),
});
/** Drift reference statistics stored in the manifest. */
export type TrainingStatistics = z.output<typeof trainingStatisticsSchema>;

/** Shares of each label among `indices` (every label present, 0 when absent). */
function labelShares(labels: readonly string[], indices: ArrayLike<number>): Record<string, number> {
  const counts = new Array<number>(labels.length).fill(0);
  for (const index of Array.from(indices)) counts[index] = (counts[index] ?? 0) + 1;
  return countShares(labels, counts);
}

/** Shares of per-label counts (every label present; all 0 when there are no counts). */
function countShares(labels: readonly string[], counts: readonly number[]): Record<string, number> {
  const total = counts.reduce((sum, count) => sum + count, 0);
  return Object.fromEntries(labels.map((label, index) => [label, total === 0 ? 0 : (counts[index] ?? 0) / total]));
}

/** Builds the drift reference from the training texts' measurements and the test predictions. */
export function trainingStatistics(input: {
  readonly labels: readonly string[];
  readonly trainTargets: ArrayLike<number>;
  /** How often the model predicted each label on the test set, in `labels` order (the evaluation's counts). */
  readonly testPredictedCounts: readonly number[];
  readonly textLengths: readonly number[];
  readonly outOfVocabularyRates: readonly number[];
}): TrainingStatistics {
  return {
    labels: labelShares(input.labels, input.trainTargets),
    predictedLabels: countShares(input.labels, input.testPredictedCounts),
    textLength: histogramOf(input.textLengths, edgesWithOverflow(input.textLengths)),
    outOfVocabularyRate: histogramOf(input.outOfVocabularyRates, edgesWithOverflow(input.outOfVocabularyRates)),
    examples: input.textLengths.length,
  };
}
