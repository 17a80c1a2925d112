import { describe, expect, it } from 'vitest';
import { populationStabilityIndex, PSI_EPSILON, sharesOf } from './psi.js';

describe('populationStabilityIndex', () => {
  it('is 0 for identical distributions', () => {
    expect(populationStabilityIndex([0.2, 0.3, 0.5], [0.2, 0.3, 0.5])).toBe(0);
  });

  it('is Σ (o − e) ln(o / e), the textbook value', () => {
    const expected = [0.25, 0.25, 0.5];
    const observed = [0.5, 0.25, 0.25];
    const byHand = (0.5 - 0.25) * Math.log(0.5 / 0.25) + 0 + (0.25 - 0.5) * Math.log(0.25 / 0.5);
    expect(populationStabilityIndex(expected, observed)).toBeCloseTo(byHand, 12);
    expect(byHand).toBeCloseTo(0.3466, 4);
  });

  it('is symmetric and positive for any difference', () => {
    const a = [0.1, 0.6, 0.3];
    const b = [0.3, 0.3, 0.4];
    expect(populationStabilityIndex(a, b)).toBeCloseTo(populationStabilityIndex(b, a), 12);
    expect(populationStabilityIndex(a, b)).toBeGreaterThan(0);
  });

  it('floors empty bins at epsilon instead of going infinite', () => {
    const psi = populationStabilityIndex([0.5, 0.5, 0], [0.5, 0.4, 0.1]);
    expect(Number.isFinite(psi)).toBe(true);
    const emptyBin = (0.1 - PSI_EPSILON) * Math.log(0.1 / PSI_EPSILON);
    const shrunkBin = (0.4 - 0.5) * Math.log(0.4 / 0.5);
    expect(psi).toBeCloseTo(emptyBin + shrunkBin, 10);
  });

  it('refuses share vectors over different bins', () => {
    expect(() => populationStabilityIndex([0.5, 0.5], [1])).toThrow(/2 expected bins and 1 observed/);
  });
});

describe('sharesOf', () => {
  it('divides by the total, and gives zeros without any count', () => {
    expect(sharesOf([1, 3], 4)).toEqual([0.25, 0.75]);
    expect(sharesOf([0, 0], 0)).toEqual([0, 0]);
  });
});
