import { describe, expect, it } from 'vitest';
import { evaluate } from './evaluate.js';
import { evaluationReportSchema } from './evaluation-report.js';

/** Rows where the predicted class gets `confidence` and the other classes share the rest evenly. */
function rows(predicted: readonly number[], confidences: readonly number[], classes: number): number[][] {
  return predicted.map((best, example) => {
    const confidence = confidences[example] ?? 1;
    return Array.from({ length: classes }, (_, index) =>
      index === best ? confidence : (1 - confidence) / (classes - 1),
    );
  });
}

/**
 * Four labels, `d` never occurring. Expected values computed with scikit-learn 1.9.1:
 * precision_recall_fscore_support(labels=[0, 1, 2, 3], zero_division=0), f1_score(average=
 * 'macro' | 'micro' | 'weighted') with its default labels (those occurring), log_loss(labels=
 * [0, 1, 2, 3]), confusion_matrix. By hand: a has tp 3, support 5, predicted 4 (F1 6/9); b tp 2,
 * support 3, predicted 4 (F1 4/7); c tp 3, support 4, predicted 4 (F1 3/4); macro F1 =
 * 167/252, weighted F1 = (5·2/3 + 3·4/7 + 4·3/4)/12 = 169/252.
 */
const labels = ['a', 'b', 'c', 'd'];
const truth = [0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 2];
const predicted = [0, 0, 0, 1, 2, 1, 1, 0, 2, 2, 1, 2];
const confidences = [0.9, 0.8, 0.7, 0.6, 0.55, 0.95, 0.65, 0.5, 0.85, 0.75, 0.45, 0.99];
const ids = truth.map((_, example) => `doc-${String(example).padStart(2, '0')}`);
const probabilities = rows(predicted, confidences, labels.length);

describe('evaluate', () => {
  const report = evaluate({ labels, truth, probabilities, ids });

  it('matches scikit-learn on accuracy, precision, recall and F1', () => {
    expect(report.exampleCount).toBe(12);
    expect(report.accuracy).toBeCloseTo(8 / 12, 12);
    expect(report.microF1).toBeCloseTo(0.6666666666666666, 12);
    expect(report.macroF1).toBeCloseTo(0.6626984126984127, 12);
    expect(report.macroF1).toBeCloseTo(167 / 252, 12);
    expect(report.macroPrecision).toBeCloseTo(0.6666666666666666, 12);
    expect(report.macroRecall).toBeCloseTo(0.6722222222222222, 12);
    expect(report.weightedF1).toBeCloseTo(0.6706349206349206, 12);
    expect(report.perClass.a).toEqual({ precision: 0.75, recall: 0.6, f1: 6 / 9, support: 5, predicted: 4 });
    expect(report.perClass.b).toEqual({ precision: 0.5, recall: 2 / 3, f1: 4 / 7, support: 3, predicted: 4 });
    expect(report.perClass.c).toEqual({ precision: 0.75, recall: 0.75, f1: 0.75, support: 4, predicted: 4 });
    expect(report.perClass.d).toEqual({ precision: 0, recall: 0, f1: 0, support: 0, predicted: 0 });
  });

  it('matches scikit-learn on the log loss and the confusion matrix (rows = true)', () => {
    expect(report.logLoss).toBeCloseTo(0.7523115269394801, 12);
    expect(report.confusionMatrix).toEqual([
      [3, 1, 1, 0],
      [1, 2, 0, 0],
      [0, 1, 3, 0],
      [0, 0, 0, 0],
    ]);
  });

  it('bins the confidences for the reliability diagram and the expected calibration error', () => {
    const { bins, expectedCalibrationError } = report.calibration;
    expect(bins).toHaveLength(10);
    expect(bins.map((bin) => bin.count)).toEqual([0, 0, 0, 0, 1, 2, 2, 2, 2, 3]);
    expect(bins[0]).toEqual({ lower: 0, upper: 0.1, count: 0, meanConfidence: 0, accuracy: 0 });
    expect(bins[6]?.meanConfidence).toBeCloseTo(0.625, 12);
    expect(bins[6]?.accuracy).toBe(0.5);
    expect(bins[9]?.meanConfidence).toBeCloseTo(0.9466666666666667, 12);
    // Σ n_b/N · |acc_b − conf_b| = (0.45 + 2·0.525 + 2·0.125 + 2·0.275 + 2·0.175 + 3·0.05333…) / 12
    expect(expectedCalibrationError).toBeCloseTo(0.2341666666666667, 12);
  });

  it('lists the worst confusions, the most frequent first, with their most confident examples', () => {
    expect(report.worstConfusions).toEqual([
      { truth: 'a', predicted: 'b', count: 1, examples: [{ id: 'doc-03', confidence: 0.6 }] },
      { truth: 'a', predicted: 'c', count: 1, examples: [{ id: 'doc-04', confidence: 0.55 }] },
      { truth: 'b', predicted: 'a', count: 1, examples: [{ id: 'doc-07', confidence: 0.5 }] },
      { truth: 'c', predicted: 'b', count: 1, examples: [{ id: 'doc-10', confidence: 0.45 }] },
    ]);
    const limited = evaluate({ labels, truth, probabilities, ids, worstConfusions: 2, examplesPerConfusion: 0 });
    expect(limited.worstConfusions).toEqual([
      { truth: 'a', predicted: 'b', count: 1, examples: [] },
      { truth: 'a', predicted: 'c', count: 1, examples: [] },
    ]);
  });

  it('reads probabilities as rows or as one row-major array, float32 or float64', () => {
    const flat = probabilities.flat();
    expect(evaluate({ labels, truth, probabilities: flat, ids })).toEqual(report);
    expect(evaluate({ labels, truth, probabilities: Float64Array.from(flat), ids })).toEqual(report);
    const float32 = evaluate({ labels, truth: Int32Array.from(truth), probabilities: Float32Array.from(flat), ids });
    expect(float32.macroF1).toBe(report.macroF1);
    expect(float32.logLoss).toBeCloseTo(report.logLoss, 6);
    expect(evaluate({ labels, truth, probabilities: probabilities.map((row) => Float32Array.from(row)), ids })).toEqual(
      float32,
    );
  });

  it('gives plain JSON the report schema accepts', () => {
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
    expect(evaluationReportSchema.parse(JSON.parse(JSON.stringify(report)))).toEqual(report);
  });

  it('gives zeros, never NaN, for an empty set', () => {
    const empty = evaluate({ labels: ['a', 'b'], truth: [], probabilities: [], ids: [] });
    expect(empty).toMatchObject({ exampleCount: 0, accuracy: 0, macroF1: 0, weightedF1: 0, logLoss: 0 });
    expect(empty.calibration.expectedCalibrationError).toBe(0);
    expect(empty.worstConfusions).toEqual([]);
    expect(JSON.stringify(empty)).not.toMatch(/null|NaN/);
    expect(evaluationReportSchema.safeParse(empty).success).toBe(true);
  });

  it('refuses inputs that disagree', () => {
    const base = { labels, truth, probabilities, ids };
    expect(() => evaluate({ ...base, labels: ['a', 'a', 'b', 'c'] })).toThrow(/unique/);
    expect(() => evaluate({ ...base, labels: [], probabilities: [] })).toThrow(/empty/);
    expect(() => evaluate({ ...base, truth: [...truth.slice(1), 4] })).toThrow(/truth\[11\] = 4/);
    expect(() => evaluate({ ...base, truth: [...truth.slice(1), 0.5] })).toThrow(RangeError);
    expect(() => evaluate({ ...base, ids: ids.slice(1) })).toThrow(/ids/);
    expect(() => evaluate({ ...base, probabilities: probabilities.slice(1) })).toThrow(/rows/);
    expect(() => evaluate({ ...base, probabilities: probabilities.flat().slice(1) })).toThrow(/probabilities for/);
    expect(() => evaluate({ ...base, probabilities: [[1, 0, 0], ...probabilities.slice(1)] })).toThrow(/3 values/);
    expect(() => evaluate({ ...base, probabilities: [[2, -1, 0, 0], ...probabilities.slice(1)] })).toThrow(
      /not a probability/,
    );
    expect(() => evaluate({ ...base, probabilities: [[0.5, 0.6, 0, 0], ...probabilities.slice(1)] })).toThrow(
      /sums to/,
    );
    expect(() => evaluate({ ...base, bins: 0 })).toThrow(/bins/);
    expect(() => evaluate({ ...base, worstConfusions: -1 })).toThrow(/pairs/);
  });
});

describe('evaluationReportSchema', () => {
  const report = evaluate({ labels, truth, probabilities, ids });

  it('rejects reports whose parts disagree with the labels, or hold NaN', () => {
    expect(
      evaluationReportSchema.safeParse({ ...report, confusionMatrix: report.confusionMatrix.slice(1) }).success,
    ).toBe(false);
    const { d: _d, ...threeClasses } = report.perClass;
    expect(evaluationReportSchema.safeParse({ ...report, perClass: threeClasses }).success).toBe(false);
    expect(evaluationReportSchema.safeParse({ ...report, macroF1: Number.NaN }).success).toBe(false);
    expect(evaluationReportSchema.safeParse({ ...report, extra: 1 }).success).toBe(false);
  });
});
