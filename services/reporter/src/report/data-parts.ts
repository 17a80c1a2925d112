import type { ManifestSections } from './manifest-sections.js';
import { available, missing, notInManifest } from './part.js';
import type { DataPreparation, LabelDistribution, Part, ShareBin, TextLengthView } from './view-model.js';

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

/**
 * A cumulative share this close to a quantile's share counts as reaching it: the slides state
 * quantiles in rounded words ("half", "9 in 10"), and a recorded cut point is exact where a value
 * inside a bin is a guess. Histograms cut at deciles reach 0.5 or 0.9 only up to ties and
 * rounding (0.8999), which a strict comparison would push into the next, possibly very wide, bin.
 */
export const QUANTILE_SNAP = 0.005;

/**
 * The value below which `share` of the values lie, from bins in ascending order: the upper end of
 * the first bin whose cumulative share is within `QUANTILE_SNAP` of `share`, else interpolated
 * linearly inside the bin that crosses `share` (values spread evenly in a bin). Null when the
 * bins hold less than `share`.
 */
export function quantileOf(bins: readonly ShareBin[], share: number): number | null {
  let below = 0;
  for (const bin of bins) {
    const upTo = below + bin.share;
    if (Math.abs(upTo - share) <= QUANTILE_SNAP) return bin.to;
    if (upTo > share) return bin.from + ((share - below) / bin.share) * (bin.to - bin.from);
    below = upTo;
  }
  return null;
}

/**
 * The bins a chart draws: all but the top one when that one is wider than all the others together
 * (it would squeeze them into a sliver of the axis, its own bar too low to see), which is returned
 * as `clipped`.
 */
export function clipLongTail(bins: readonly ShareBin[]): { shown: readonly ShareBin[]; clipped: ShareBin | null } {
  const top = bins[bins.length - 1];
  const rest = bins.slice(0, -1);
  const first = rest[0];
  const last = rest[rest.length - 1];
  if (!top || !first || !last || rest.length < 2) return { shown: bins, clipped: null };
  return top.to - top.from > last.to - first.from ? { shown: rest, clipped: top } : { shown: bins, clipped: null };
}

/** The share of the tallest bar per this many units reaches 5%: 1, 10, 100… (readable percent ticks). */
export function densityUnit(bins: readonly ShareBin[]): number {
  const peak = bins.reduce((max, bin) => Math.max(max, bin.to > bin.from ? bin.share / (bin.to - bin.from) : 0), 0);
  let unit = 1;
  while (peak > 0 && peak * unit < 0.05 && unit < 1e12) unit *= 10;
  return unit;
}

/**
 * The training texts' length distribution from the drift reference's decile histogram: bins from
 * 0 to the first edge, between edges, and the overflow bin when it holds anything. The quantiles
 * come from the bins between recorded edges only (the overflow bin has no upper end).
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
    return [{ from, to, share, overflow: index === edges.length }];
  });
  const bounded = bins.filter((bin) => !bin.overflow);
  const plain = bins.map(({ from, to, share }) => ({ from, to, share }));
  const { shown, clipped } = clipLongTail(plain);
  return available({
    bins: plain,
    shown,
    clipped,
    unit: densityUnit(shown),
    median: quantileOf(bounded, 0.5),
    p90: quantileOf(bounded, 0.9),
    examples: sections.trainingExamples ?? null,
  });
}
