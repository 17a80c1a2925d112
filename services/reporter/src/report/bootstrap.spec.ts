import { evaluate } from '@mlops/ml';
import { describe, expect, it } from 'vitest';
import { bootstrapConfusion, differenceInterval, percentileInterval, seededRandom } from './bootstrap.js';
import { matrixMetrics } from './matrix-metrics.js';

describe('matrixMetrics', () => {
  it('computes accuracy and macro-F1 exactly as libs/ml evaluate does', () => {
    const random = seededRandom(7);
    const labels = ['a', 'b', 'c', 'd'];
    const truth = Int32Array.from({ length: 300 }, () => Math.floor(random() * 3)); // 'd' never true
    const probabilities = new Float64Array(300 * 4);
    for (let row = 0; row < 300; row++) {
      const values = labels.map(() => random());
      const sum = values.reduce((total, v) => total + v, 0);
      values.forEach((v, column) => (probabilities[row * 4 + column] = v / sum));
    }
    const report = evaluate({
      labels,
      truth,
      probabilities,
      ids: truth
        .map((_, i) => i)
        .join(',')
        .split(','),
    });
    const metrics = matrixMetrics(report.confusionMatrix);
    expect(metrics.accuracy).toBeCloseTo(report.accuracy, 12);
    expect(metrics.macroF1).toBeCloseTo(report.macroF1, 12);
    labels.forEach((label, index) => expect(metrics.f1[index]).toBeCloseTo(report.perClass[label]?.f1 ?? -1, 12));
  });

  it('counts a class neither true nor predicted out of the macro average', () => {
    expect(
      matrixMetrics([
        [5, 0],
        [0, 0],
      ]).macroF1,
    ).toBe(1);
  });
});

describe('bootstrapConfusion', () => {
  const matrix = [
    [40, 8, 2],
    [5, 30, 5],
    [1, 4, 55],
  ];

  it('is deterministic for a seed and different across seeds', () => {
    const a = bootstrapConfusion(matrix, { replicates: 200, seed: 3 });
    const b = bootstrapConfusion(matrix, { replicates: 200, seed: 3 });
    const c = bootstrapConfusion(matrix, { replicates: 200, seed: 4 });
    expect(Array.from(a.macroF1)).toEqual(Array.from(b.macroF1));
    expect(Array.from(a.macroF1)).not.toEqual(Array.from(c.macroF1));
  });

  it('gives intervals around the observed values, as wide as the binomial theory says for accuracy', () => {
    const samples = bootstrapConfusion(matrix, { replicates: 2000, seed: 1 });
    const observed = matrixMetrics(matrix);
    const accuracy = percentileInterval(samples.accuracy);
    const macro = percentileInterval(samples.macroF1);
    expect(accuracy.low).toBeLessThan(observed.accuracy);
    expect(accuracy.high).toBeGreaterThan(observed.accuracy);
    expect(macro.low).toBeLessThan(observed.macroF1);
    expect(macro.high).toBeGreaterThan(observed.macroF1);
    const n = 150;
    const expectedWidth = 2 * 1.96 * Math.sqrt((observed.accuracy * (1 - observed.accuracy)) / n);
    expect(accuracy.high - accuracy.low).toBeGreaterThan(expectedWidth * 0.85);
    expect(accuracy.high - accuracy.low).toBeLessThan(expectedWidth * 1.15);
  });

  it('keeps every resample of a perfect matrix perfect', () => {
    const samples = bootstrapConfusion(
      [
        [10, 0],
        [0, 10],
      ],
      { replicates: 50 },
    );
    expect(percentileInterval(samples.macroF1)).toEqual({ low: 1, high: 1 });
  });

  it('resamples per-class F1 too, and differences of two bootstraps', () => {
    const a = bootstrapConfusion(matrix, { replicates: 300, seed: 1 });
    const b = bootstrapConfusion(matrix, { replicates: 300, seed: 2 });
    expect(a.f1).toHaveLength(3);
    const difference = differenceInterval(a.macroF1, b.macroF1);
    expect(difference.low).toBeLessThan(0);
    expect(difference.high).toBeGreaterThan(0);
  });
});

describe('percentileInterval', () => {
  it('interpolates between ranks', () => {
    expect(percentileInterval([0, 1, 2, 3, 4], 0.5)).toEqual({ low: 1, high: 3 });
    expect(percentileInterval([])).toEqual({ low: 0, high: 0 });
  });
});
