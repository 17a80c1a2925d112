import { describe, expect, it } from 'vitest';
import { binOf, histogramOf, histogramSchema, quantileEdges } from './histogram.js';

describe('histogram', () => {
  it('bins values at their edges: bin i holds [edges[i-1], edges[i])', () => {
    expect(binOf([1, 5], 0)).toBe(0);
    expect(binOf([1, 5], 1)).toBe(1);
    expect(binOf([1, 5], 5)).toBe(2);
    expect(histogramOf([0, 1, 2, 9], [1, 5])).toEqual({ edges: [1, 5], shares: [0.25, 0.5, 0.25] });
    expect(quantileEdges([3, 1, 2, 2, 4], 2)).toEqual([2]);
  });

  it('refuses a stored histogram whose shares and edges do not fit', () => {
    expect(histogramSchema.safeParse({ edges: [1, 5], shares: [0.5, 0.5, 0] }).success).toBe(true);
    expect(histogramSchema.safeParse({ edges: [1, 5], shares: [0.5, 0.5] }).success).toBe(false);
    expect(histogramSchema.safeParse({ edges: [5, 1], shares: [0.5, 0.5, 0] }).success).toBe(false);
    expect(histogramSchema.safeParse({ edges: [1, 1], shares: [0.5, 0.5, 0] }).success).toBe(false);
  });
});
