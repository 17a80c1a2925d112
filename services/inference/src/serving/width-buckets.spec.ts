import { describe, expect, it } from 'vitest';
import { widthBuckets } from './width-buckets.js';

const paddedCells = (widths: readonly number[], groups: readonly number[][]): number =>
  groups.reduce((sum, group) => sum + group.length * Math.max(...group.map((row) => widths[row] ?? 0)), 0);

describe('widthBuckets', () => {
  it('keeps rows of one width in one group, in input order', () => {
    expect(widthBuckets([5, 5, 5, 5], 100)).toEqual([[0, 1, 2, 3]]);
  });

  it('puts a long row apart when padding the others to it costs more than a call', () => {
    const widths = [20, 3000, 40, 30];
    const groups = widthBuckets(widths, 1000);
    expect(groups).toEqual([[0, 3, 2], [1]]);
    expect(paddedCells(widths, groups)).toBeLessThan(widths.length * 3000);
  });

  it('keeps one group when a call costs more than the padding it saves', () => {
    expect(widthBuckets([20, 60, 40], 1000)).toEqual([[0, 2, 1]]);
  });

  it('covers every row exactly once', () => {
    const widths = Array.from({ length: 50 }, (_, row) => ((row * 7919) % 997) + 1);
    const groups = widthBuckets(widths, 500);
    expect(groups.flat().sort((a, b) => a - b)).toEqual(widths.map((_, row) => row));
    expect(groups.length).toBeGreaterThan(1);
  });

  it('answers nothing for no rows and one group for one row', () => {
    expect(widthBuckets([], 10)).toEqual([]);
    expect(widthBuckets([0], 10)).toEqual([[0]]);
  });
});
