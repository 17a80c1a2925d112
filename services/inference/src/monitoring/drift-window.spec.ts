import { describe, expect, it } from 'vitest';
import { assessWindow } from './drift-assessment.js';
import type { DriftReference } from './drift-reference.js';
import { DriftWindow } from './drift-window.js';

const reference: DriftReference = {
  labels: ['finance', 'noun.animal'],
  predictedLabelShares: [0.5, 0.5],
  textLength: { edges: [10, 20], shares: [0.25, 0.5, 0.25] },
  outOfVocabularyRate: { edges: [0.5], shares: [1, 0] },
};

const sample = (labelIndex: number, textLength: number, outOfVocabularyRate = 0) => ({
  labelIndex,
  textLength,
  outOfVocabularyRate,
});

describe('DriftWindow', () => {
  it('counts each text in the bins of the reference, edges belonging to the upper bin', () => {
    const window = new DriftWindow(reference, 10);
    window.add(sample(0, 9));
    window.add(sample(1, 10));
    window.add(sample(1, 19.5, 0.5));
    window.add(sample(0, 20, 1));
    expect(window.counts()).toEqual({
      size: 4,
      predictedLabel: [2, 2],
      textLength: [1, 2, 1],
      outOfVocabularyRate: [2, 2],
    });
  });

  it('keeps only the last `capacity` texts, the counts following the evictions', () => {
    const window = new DriftWindow(reference, 3);
    for (let i = 0; i < 3; i++) window.add(sample(0, 5));
    for (let i = 0; i < 2; i++) window.add(sample(1, 50, 0.9));
    expect(window.counts()).toEqual({
      size: 3,
      predictedLabel: [1, 2],
      textLength: [1, 0, 2],
      outOfVocabularyRate: [1, 2],
    });
    for (let i = 0; i < 7; i++) window.add(sample(1, 50, 0.9));
    expect(window.counts()).toMatchObject({ size: 3, predictedLabel: [0, 3], textLength: [0, 0, 3] });
  });

  it('refuses a label outside the reference and a capacity below 1', () => {
    const window = new DriftWindow(reference, 2);
    expect(() => window.add(sample(2, 5))).toThrow(/outside the 2 labels/);
    expect(window.size).toBe(0);
    expect(() => new DriftWindow(reference, 0)).toThrow(/at least 1/);
  });
});

describe('assessWindow', () => {
  const thresholds = { warning: 0.1, drift: 0.25 };

  it('reads ok for traffic shaped like training, drift for a shifted one', () => {
    const like = new DriftWindow(reference, 100);
    for (let i = 0; i < 100; i++) like.add(sample(i % 2, [5, 15, 15, 25][i % 4] ?? 0));
    const steady = assessWindow(reference, like.counts(), 50, thresholds);
    expect(steady.status).toBe('ok');
    expect(steady.statistics.map((entry) => entry.psi)).toEqual([0, 0, 0]);

    const shifted = new DriftWindow(reference, 100);
    for (let i = 0; i < 100; i++) shifted.add(sample(i % 2, 500, 1));
    const moved = assessWindow(reference, shifted.counts(), 50, thresholds);
    expect(moved.status).toBe('drift');
    expect(moved.statistics.map((entry) => [entry.statistic, entry.status])).toEqual([
      ['predictedLabel', 'ok'],
      ['textLength', 'drift'],
      ['outOfVocabularyRate', 'drift'],
    ]);
    expect(moved.statistics[1]?.bins).toEqual([
      { from: null, to: 10, expected: 0.25, observed: 0 },
      { from: 10, to: 20, expected: 0.5, observed: 0 },
      { from: 20, to: null, expected: 0.25, observed: 1 },
    ]);
    expect(moved.statistics[0]?.bins).toEqual([
      { label: 'finance', expected: 0.5, observed: 0.5 },
      { label: 'noun.animal', expected: 0.5, observed: 0.5 },
    ]);
  });

  it('gives no verdict below the minimum sample count, whatever the PSI', () => {
    const window = new DriftWindow(reference, 100);
    for (let i = 0; i < 10; i++) window.add(sample(0, 500, 1));
    const assessment = assessWindow(reference, window.counts(), 50, thresholds);
    expect(assessment.status).toBe('insufficient-data');
    expect(assessment.statistics.every((entry) => entry.status === 'insufficient-data')).toBe(true);
    expect(assessment.statistics[1]?.psi).toBeGreaterThan(1);
  });

  it('reads warning between the two thresholds', () => {
    const window = new DriftWindow(reference, 100);
    for (let i = 0; i < 100; i++) window.add(sample(i < 70 ? 0 : 1, 15));
    const label = assessWindow(reference, window.counts(), 50, thresholds).statistics[0];
    expect(label?.psi).toBeGreaterThanOrEqual(0.1);
    expect(label?.psi).toBeLessThan(0.25);
    expect(label?.status).toBe('warning');
  });
});
