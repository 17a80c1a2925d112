import type { ClassMetrics } from './evaluation-report.js';
import { ratio } from './ratio.js';

/** Accuracy, per-class metrics and their averages. */
export interface ClassificationMetrics {
  readonly accuracy: number;
  readonly macroPrecision: number;
  readonly macroRecall: number;
  readonly macroF1: number;
  readonly microF1: number;
  readonly weightedF1: number;
  /** By label. */
  readonly perClass: Record<string, ClassMetrics>;
}

/**
 * The metrics of a confusion matrix (rows = true, columns = predicted), with scikit-learn's
 * definitions and `zero_division=0`: precision = tp / predicted, recall = tp / support,
 * F1 = 2 tp / (2 tp + fp + fn). Macro averages are over the classes that occur in the truth or
 * the predictions (scikit-learn's default `labels=None`); weighted F1 weighs each class by its
 * support; micro F1 of single-label predictions equals the accuracy.
 */
export function classificationMetrics(
  labels: readonly string[],
  matrix: readonly (readonly number[])[],
): ClassificationMetrics {
  let total = 0;
  let correct = 0;
  const entries = labels.map((label, index): [string, ClassMetrics] => {
    const row = matrix[index] ?? [];
    const truePositives = row[index] ?? 0;
    const support = row.reduce((sum, count) => sum + count, 0);
    const predicted = matrix.reduce((sum, otherRow) => sum + (otherRow[index] ?? 0), 0);
    total += support;
    correct += truePositives;
    const metrics = {
      precision: ratio(truePositives, predicted),
      recall: ratio(truePositives, support),
      f1: ratio(2 * truePositives, support + predicted),
      support,
      predicted,
    };
    return [label, metrics];
  });
  const classes = entries.map(([, metrics]) => metrics);
  const occurring = classes.filter(({ support, predicted }) => support > 0 || predicted > 0);
  const mean = (metric: (metrics: ClassMetrics) => number): number =>
    ratio(
      occurring.reduce((sum, metrics) => sum + metric(metrics), 0),
      occurring.length,
    );
  const accuracy = ratio(correct, total);
  return {
    accuracy,
    macroPrecision: mean(({ precision }) => precision),
    macroRecall: mean(({ recall }) => recall),
    macroF1: mean(({ f1 }) => f1),
    microF1: accuracy,
    weightedF1: ratio(
      classes.reduce((sum, { f1, support }) => sum + f1 * support, 0),
      total,
    ),
    perClass: Object.fromEntries(entries),
  };
}
