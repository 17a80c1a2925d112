/**
 * Index of the bin of a value among a manifest histogram's inner edges: bin i holds values in
 * [edges[i-1], edges[i]), the convention libs/ml bins the training texts with.
 */
export function binOf(edges: readonly number[], value: number): number {
  let low = 0;
  let high = edges.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (value >= (edges[middle] ?? Infinity)) low = middle + 1;
    else high = middle;
  }
  return low;
}
