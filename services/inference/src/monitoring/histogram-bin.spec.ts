import { describe, expect, it } from 'vitest';
import { binOf } from './histogram-bin.js';

/** The linear scan libs/ml bins training texts with. */
function linearBin(edges: readonly number[], value: number): number {
  let bin = 0;
  while (bin < edges.length && value >= (edges[bin] ?? Infinity)) bin++;
  return bin;
}

describe('binOf', () => {
  it('puts a value on an edge in the upper bin, below the first edge in bin 0, above the last in the last', () => {
    const edges = [0, 10, 20];
    expect([-1, 0, 9.99, 10, 20, 1e9].map((value) => binOf(edges, value))).toEqual([0, 1, 1, 2, 3, 3]);
    expect(binOf([], 5)).toBe(0);
  });

  it('agrees with the linear scan of libs/ml on every value around the edges', () => {
    const edges = [60, 63, 65, 67, 69, 70, 72, 75, 78];
    for (let value = 55; value <= 85; value += 0.5) expect(binOf(edges, value)).toBe(linearBin(edges, value));
  });
});
