import type { TrainingStatistics } from '@mlops/ml';

/** A distribution over the bins of a histogram stored in a manifest. */
export interface BinnedReference {
  /** Inner cut points, ascending: bin i holds [edges[i-1], edges[i]). */
  readonly edges: readonly number[];
  /** Training share of each bin (edges + 1). */
  readonly shares: readonly number[];
}

/** What one model version's live traffic is compared with, read once from its manifest. */
export interface DriftReference {
  readonly labels: readonly string[];
  /** Share of each label among the model's test-set predictions, in `labels` order. */
  readonly predictedLabelShares: readonly number[];
  readonly textLength: BinnedReference;
  readonly outOfVocabularyRate: BinnedReference;
}

function binned(histogram: TrainingStatistics['textLength']): BinnedReference {
  if (histogram.shares.length !== histogram.edges.length + 1) {
    throw new Error(`a manifest histogram has ${histogram.edges.length} edges and ${histogram.shares.length} shares`);
  }
  return { edges: [...histogram.edges], shares: [...histogram.shares] };
}

/** The drift reference of a version: its labels and the training statistics of its manifest. */
export function driftReferenceOf(labels: readonly string[], statistics: TrainingStatistics): DriftReference {
  const predicted = new Map(Object.entries(statistics.predictedLabels));
  return {
    labels: [...labels],
    predictedLabelShares: labels.map((label) => predicted.get(label) ?? 0),
    textLength: binned(statistics.textLength),
    outOfVocabularyRate: binned(statistics.outOfVocabularyRate),
  };
}
