import { describe, expect, it } from 'vitest';
import { compareProbabilities } from './parity.js';

describe('compareProbabilities', () => {
  const expected = Float32Array.of(0.7, 0.3, 0.2, 0.8, 0.5, 0.5);

  it('passes identical matrices', () => {
    expect(compareProbabilities(expected, expected.slice(), 2)).toEqual({
      rows: 3,
      maxAbsDifference: 0,
      argmaxMismatches: 0,
      worstRow: 0,
      tolerance: 1e-5,
      passed: true,
    });
  });

  it('reports the largest difference and its row, and fails beyond the tolerance', () => {
    const actual = Float32Array.of(0.7, 0.3, 0.25, 0.75, 0.5, 0.5);
    const comparison = compareProbabilities(expected, actual, 2);
    expect(comparison.maxAbsDifference).toBeCloseTo(0.05, 6);
    expect(comparison).toMatchObject({ worstRow: 1, argmaxMismatches: 0, passed: false });
    expect(compareProbabilities(expected, actual, 2, 0.1).passed).toBe(true);
  });

  it('counts rows whose most probable class differs, and passes near ties within the tolerance', () => {
    const actual = Float32Array.of(0.3, 0.7, 0.2, 0.8, 0.5, 0.500001);
    expect(compareProbabilities(expected, actual, 2, 0.5)).toMatchObject({ argmaxMismatches: 2, passed: true });
  });

  it('fails on NaN', () => {
    const comparison = compareProbabilities(expected, Float32Array.of(0.7, 0.3, 0.2, 0.8, Number.NaN, 0.5), 2, 1);
    expect(comparison).toMatchObject({ maxAbsDifference: Number.POSITIVE_INFINITY, worstRow: 2, passed: false });
  });

  it('has no worst row when there are no rows', () => {
    expect(compareProbabilities(new Float32Array(), new Float32Array(), 3)).toMatchObject({
      rows: 0,
      worstRow: null,
      passed: true,
    });
  });

  it('refuses shapes that do not agree', () => {
    expect(() => compareProbabilities(expected, new Float32Array(4), 2)).toThrow(RangeError);
    expect(() => compareProbabilities(expected, expected, 4)).toThrow(RangeError);
    expect(() => compareProbabilities(expected, expected, 0)).toThrow(/positive integer/);
  });
});
