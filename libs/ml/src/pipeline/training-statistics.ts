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
export function labelShares(labels: readonly string[], indices: ArrayLike<number>): Record<string, number> {
  const counts = new Array<number>(labels.length).fill(0);
  for (const index of Array.from(indices)) counts[index] = (counts[index] ?? 0) + 1;
  return Object.fromEntries(
    labels.map((label, index) => [label, indices.length === 0 ? 0 : (counts[index] ?? 0) / indices.length]),
  );
}

/** Builds the drift reference from the training texts' measurements and the test predictions. */
export function trainingStatistics(input: {
  readonly labels: readonly string[];
  readonly trainTargets: ArrayLike<number>;
  readonly testPredictions: ArrayLike<number>;
  readonly textLengths: readonly number[];
  readonly outOfVocabularyRates: readonly number[];
}): TrainingStatistics {
  return {
    labels: labelShares(input.labels, input.trainTargets),
    predictedLabels: labelShares(input.labels, input.testPredictions),
    textLength: histogramOf(input.textLengths, quantileEdges(input.textLengths)),
    outOfVocabularyRate: histogramOf(input.outOfVocabularyRates, quantileEdges(input.outOfVocabularyRates)),
    examples: input.textLengths.length,
  };
}
