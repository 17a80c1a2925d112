import { z } from 'zod';

/** A distribution over bins: `edges` are the inner cut points (ascending), `shares` one per bin (edges + 1). */
export const histogramSchema = z
  .strictObject({
    edges: z.array(z.number()),
    shares: z.array(z.number().min(0).max(1)),
  })
  .refine((histogram) => histogram.shares.length === histogram.edges.length + 1, {
    message: 'a histogram has one share more than it has edges',
    path: ['shares'],
  })
  .refine(
    (histogram) => histogram.edges.every((edge, index) => index === 0 || edge > (histogram.edges[index - 1] ?? edge)),
    {
      message: 'histogram edges must be strictly ascending',
      path: ['edges'],
    },
  );
/** A distribution over bins. */
export type Histogram = z.output<typeof histogramSchema>;

/** Cut points at the deciles (or `bins` quantiles) of the values, duplicates removed. */
export function quantileEdges(values: readonly number[], bins = 10): number[] {
  if (values.length === 0) return [];
  const sorted = [...values].sort((a, b) => a - b);
  const edges = new Set<number>();
  for (let i = 1; i < bins; i++) edges.add(sorted[Math.floor((i * sorted.length) / bins)] ?? 0);
  return [...edges].sort((a, b) => a - b);
}

/** Index of the bin of a value: bin i holds values in [edges[i-1], edges[i]). */
export function binOf(edges: readonly number[], value: number): number {
  let bin = 0;
  while (bin < edges.length && value >= (edges[bin] ?? Infinity)) bin++;
  return bin;
}

/** Shares of the values per bin of `edges`; all zero without values. */
export function histogramOf(values: readonly number[], edges: readonly number[]): Histogram {
  const counts = new Array<number>(edges.length + 1).fill(0);
  for (const value of values) counts[binOf(edges, value)] = (counts[binOf(edges, value)] ?? 0) + 1;
  return { edges: [...edges], shares: counts.map((count) => (values.length === 0 ? 0 : count / values.length)) };
}
