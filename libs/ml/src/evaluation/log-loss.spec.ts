import { describe, expect, it } from 'vitest';
import { logLoss } from './log-loss.js';

describe('logLoss', () => {
  it('is the mean of −ln p(true class)', () => {
    const matrix = { examples: 2, classes: 2, values: Float64Array.of(0.8, 0.2, 0.4, 0.6) };
    expect(logLoss([0, 1], matrix)).toBeCloseTo(-(Math.log(0.8) + Math.log(0.6)) / 2, 12);
  });

  it('clips a zero probability to 2^-52 instead of giving infinity', () => {
    const matrix = { examples: 1, classes: 2, values: Float64Array.of(0, 1) };
    expect(logLoss([0], matrix)).toBeCloseTo(52 * Math.LN2, 12);
  });

  it('is 0 without examples', () => {
    expect(logLoss([], { examples: 0, classes: 3, values: new Float64Array(0) })).toBe(0);
  });
});
