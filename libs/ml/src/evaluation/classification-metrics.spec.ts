import { describe, expect, it } from 'vitest';
import { classificationMetrics } from './classification-metrics.js';

describe('classificationMetrics', () => {
  it('averages macro metrics over the classes that occur in the truth or the predictions', () => {
    // truth: a, a, b; predicted: a, c, b. c is predicted but never true; d never occurs.
    const metrics = classificationMetrics(
      ['a', 'b', 'c', 'd'],
      [
        [1, 0, 1, 0],
        [0, 1, 0, 0],
        [0, 0, 0, 0],
        [0, 0, 0, 0],
      ],
    );
    expect(metrics.perClass.a).toEqual({ precision: 1, recall: 0.5, f1: 2 / 3, support: 2, predicted: 1 });
    expect(metrics.perClass.c).toEqual({ precision: 0, recall: 0, f1: 0, support: 0, predicted: 1 });
    // scikit-learn f1_score(['a','a','b'], ['a','c','b'], average='macro') = (2/3 + 1 + 0) / 3
    expect(metrics.macroF1).toBeCloseTo((2 / 3 + 1 + 0) / 3, 12);
    expect(metrics.macroPrecision).toBeCloseTo((1 + 1 + 0) / 3, 12);
    expect(metrics.macroRecall).toBeCloseTo((0.5 + 1 + 0) / 3, 12);
    expect(metrics.weightedF1).toBeCloseTo((2 * (2 / 3) + 1) / 3, 12);
    expect(metrics.accuracy).toBeCloseTo(2 / 3, 12);
    expect(metrics.microF1).toBe(metrics.accuracy);
  });

  it('keys per-class metrics by label, whatever the label', () => {
    const metrics = classificationMetrics(
      ['__proto__', '1'],
      [
        [1, 0],
        [0, 1],
      ],
    );
    expect(Object.keys(metrics.perClass).sort()).toEqual(['1', '__proto__']);
    expect(metrics.perClass.__proto__).toMatchObject({ f1: 1, support: 1 });
  });
});
