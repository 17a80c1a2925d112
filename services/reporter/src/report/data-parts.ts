import type { ManifestSections } from './manifest-sections.js';
import { available, missing, notInManifest } from './part.js';
import type { DataPreparation, LabelDistribution, Part, TextLengthView } from './view-model.js';

/**
 * Label shares in training (training statistics), validation (when the caller knows the counts)
 * and test (per-class support), in label order.
 */
export function buildLabelDistribution(
  sections: ManifestSections,
  validationCounts: Readonly<Record<string, number>> | undefined,
): Part<LabelDistribution> {
  const train = sections.trainLabelShares;
  const test = sections.test;
  const perClass = test?.perClass;
  if (!train && !perClass)
    return missing(notInManifest('label distribution (training statistics and per-class support)'));
  const labels = sections.labels ?? test?.core.labels ?? Object.keys(train ?? {});
  const validationTotal = validationCounts ? Object.values(validationCounts).reduce((sum, n) => sum + n, 0) : 0;
  const testTotal = test?.core.exampleCount ?? 0;
  return available({
    rows: labels.map((label) => ({
      label,
      train: train?.[label] ?? null,
      validation: validationCounts && validationTotal > 0 ? (validationCounts[label] ?? 0) / validationTotal : null,
      test: perClass && testTotal > 0 ? (perClass[label]?.support ?? 0) / testTotal : null,
    })),
    trainExamples: sections.trainingExamples ?? sections.split?.train ?? null,
    testExamples: test?.core.exampleCount ?? sections.split?.test ?? null,
  });
}

/** What the adapters and filterers dropped, by reason, and the split sizes. */
export function buildPreparation(sections: ManifestSections): Part<DataPreparation> {
  const { steps, split } = sections;
  if (!steps && !split) return missing(notInManifest('record of the data preparation steps and split'));
  return available({
    steps: (steps ?? []).map((step) => ({
      step: step.step,
      rowsIn: step.rowsIn,
      rowsOut: step.rowsOut,
      dropped: Object.entries(step.dropped)
        .filter(([, count]) => count > 0)
        .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
        .map(([reason, count]) => ({ reason, count })),
    })),
    split: split ?? null,
  });
}

/** The value below which at least `share` of the values lie, from quantile-binned shares. */
function quantileEdge(edges: readonly number[], shares: readonly number[], share: number): number | null {
  let cumulative = 0;
  for (let index = 0; index < edges.length; index++) {
    cumulative += shares[index] ?? 0;
    if (cumulative >= share - 1e-9) return edges[index] ?? null;
  }
  return null;
}

/**
 * The training texts' length distribution from the drift reference's decile histogram: bins from
 * 0 to the first edge, between edges, and the overflow bin when it holds anything.
 */
export function buildTextLength(sections: ManifestSections): Part<TextLengthView> {
  const histogram = sections.textLength;
  if (!histogram || histogram.edges.length === 0) return missing(notInManifest('text-length histogram'));
  const { edges, shares } = histogram;
  const bins = shares.flatMap((share, index) => {
    // The histogram records edges only: the first bin (below the smallest edge) and the overflow
    // bin are drawn as wide as their neighbour.
    const firstWidth = (edges[1] ?? (edges[0] ?? 0) + 1) - (edges[0] ?? 0);
    const from = index === 0 ? Math.max(0, (edges[0] ?? 0) - firstWidth) : (edges[index - 1] ?? 0);
    const previousWidth = (edges[index - 1] ?? 0) - (edges[index - 2] ?? 0);
    const to = index < edges.length ? (edges[index] ?? from) : from + Math.max(1, previousWidth);
    if (to <= from || (index === edges.length && share === 0)) return [];
    return [{ from, to, share }];
  });
  return available({
    bins,
    median: quantileEdge(edges, shares, 0.5),
    p90: quantileEdge(edges, shares, 0.9),
    examples: sections.trainingExamples ?? null,
  });
}
