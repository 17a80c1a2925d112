import { describe, expect, it } from 'vitest';
import { calibration } from './calibration.js';

describe('calibration', () => {
  it('puts a confidence on a bin edge in the upper bin, and 1 in the last bin', () => {
    const result = calibration([0, 0, 0, 0], [0, 0, 1, 0], Float64Array.of(0.5, 0.75, 1, 0.25), 4);
    expect(result.bins.map((bin) => bin.count)).toEqual([0, 1, 1, 2]);
    expect(result.bins[3]).toEqual({ lower: 0.75, upper: 1, count: 2, meanConfidence: 0.875, accuracy: 0.5 });
    expect(result.bins[0]).toEqual({ lower: 0, upper: 0.25, count: 0, meanConfidence: 0, accuracy: 0 });
    // (1·|1 − 0.25| + 1·|1 − 0.5| + 2·|0.5 − 0.875|) / 4
    expect(result.expectedCalibrationError).toBeCloseTo((0.75 + 0.5 + 0.75) / 4, 12);
  });

  it('is 0 when every bin is as accurate as it is confident', () => {
    const result = calibration([0, 1], [0, 1], Float64Array.of(1, 1), 10);
    expect(result.expectedCalibrationError).toBe(0);
  });

  it('refuses a bin count that is not a positive integer', () => {
    expect(() => calibration([], [], new Float64Array(0), 0)).toThrow(RangeError);
    expect(() => calibration([], [], new Float64Array(0), 2.5)).toThrow(RangeError);
  });
});
