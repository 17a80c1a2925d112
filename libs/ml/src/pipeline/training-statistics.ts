import { z } from 'zod';
import { histogramOf, histogramSchema, quantileEdges } from './histogram.js';

/**
 * What serving compares live traffic with to detect drift: the training label shares, the shares
 * of labels the model predicted on the test set, and the distributions of text length (characters)
 * and out-of-vocabulary rate over the training texts, binned at their deciles.
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
    textLength: histogramOf(input.textLengths, quantileEdges(input.textLengths)),
    outOfVocabularyRate: histogramOf(input.outOfVocabularyRates, quantileEdges(input.outOfVocabularyRates)),
    examples: input.textLengths.length,
  };
}
