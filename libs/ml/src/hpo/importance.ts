import type { SearchSpace } from './search-space.js';
import type { TrialRecord } from './trial-history.js';

const BINS = 5;

/**
 * Parameter importances by a fANOVA-lite estimator: for each parameter, the complete trials that
 * set it are grouped into bins (quantile bins of the value, log-scaled when the space is; one bin
 * per choice for categoricals), and its importance is the variance of the per-bin mean objective
 * (weighted by bin size). The scores are normalised to sum to 1; with fewer than two complete
 * trials, or a constant objective, every importance is 0.
 */
export function parameterImportances(space: SearchSpace, history: readonly TrialRecord[]): Record<string, number> {
  const complete = history.filter((t) => t.state === 'complete' && t.value !== undefined);
  const raw = space.map((parameter) => {
    const points = complete
      .filter((t) => t.params[parameter.name] !== undefined)
      .map((t) => ({
        key: binKey(parameter.distribution, t.params[parameter.name] as never),
        value: t.value ?? NaN,
      }));
    if (parameter.distribution.kind !== 'categorical') rebinNumeric(points);
    return [parameter.name, betweenBinVariance(points)] as const;
  });
  const total = raw.reduce((sum, [, v]) => sum + v, 0);
  return Object.fromEntries(raw.map(([name, v]) => [name, total > 0 ? v / total : 0]));
}

function binKey(distribution: SearchSpace[number]['distribution'], value: string | number | boolean): string | number {
  if (distribution.kind === 'categorical') return String(value);
  return distribution.log ? Math.log(value as number) : (value as number);
}

/** Replaces numeric keys by their quantile bin. */
function rebinNumeric(points: { key: string | number; value: number }[]): void {
  const order = points.map((_, i) => i).sort((a, b) => (points[a]?.key as number) - (points[b]?.key as number));
  order.forEach((index, rank) => {
    (points[index] as { key: string | number }).key = Math.floor((rank * BINS) / points.length);
  });
}

function betweenBinVariance(points: readonly { key: string | number; value: number }[]): number {
  if (points.length < 2) return 0;
  const mean = points.reduce((s, p) => s + p.value, 0) / points.length;
  const bins = new Map<string | number, number[]>();
  for (const p of points) bins.set(p.key, [...(bins.get(p.key) ?? []), p.value]);
  let variance = 0;
  for (const values of bins.values()) {
    const binMean = values.reduce((s, v) => s + v, 0) / values.length;
    variance += (values.length / points.length) * (binMean - mean) ** 2;
  }
  return variance;
}
