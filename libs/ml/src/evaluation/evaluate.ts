import { calibration } from './calibration.js';
import { classificationMetrics } from './classification-metrics.js';
import { confusionMatrix } from './confusion-matrix.js';
import type { EvaluationReport } from './evaluation-report.js';
import { logLoss } from './log-loss.js';
import {
  checkLabels,
  checkTruth,
  predictionsOf,
  probabilityMatrix,
  type ClassIndices,
  type Probabilities,
} from './predictions.js';
import { worstConfusions } from './worst-confusions.js';

/** A model's predicted probabilities on a labelled set. */
export interface EvaluationInput {
  /** The classes, in the order of the probability columns. */
  readonly labels: readonly string[];
  /** The true class index of each example. */
  readonly truth: ClassIndices;
  /** The predicted probabilities: one row per example, or all rows in one row-major array. */
  readonly probabilities: Probabilities;
  /** The id of each example, to point at the worst mistakes. */
  readonly ids: readonly string[];
  /** Equal-width confidence bins for the calibration; default 10. */
  readonly bins?: number;
  /** How many (true, predicted) confusions to report; default 10. */
  readonly worstConfusions?: number;
  /** How many example ids to list per confusion; default 5. */
  readonly examplesPerConfusion?: number;
}

/**
 * Evaluates predicted probabilities against the truth: accuracy, per-class and averaged
 * precision, recall and F1, confusion matrix, calibration, worst confusions and log loss. The
 * predicted class is the most probable one (the first on ties). Throws a RangeError when the
 * inputs disagree: duplicate labels, a class index out of range, counts or row lengths that
 * differ, rows that are not probabilities. The report is plain JSON that `evaluationReportSchema`
 * accepts.
 */
export function evaluate(input: EvaluationInput): EvaluationReport {
  const { labels, truth, ids, bins = 10 } = input;
  checkLabels(labels);
  checkTruth(truth, labels.length);
  if (ids.length !== truth.length) throw new RangeError(`${ids.length} ids for ${truth.length} examples`);
  const probabilities = probabilityMatrix(input.probabilities, truth.length, labels.length);
  const { predicted, confidence } = predictionsOf(probabilities);
  const matrix = confusionMatrix(labels.length, truth, predicted);
  return {
    labels: [...labels],
    exampleCount: truth.length,
    ...classificationMetrics(labels, matrix),
    logLoss: logLoss(truth, probabilities),
    confusionMatrix: matrix,
    calibration: calibration(truth, predicted, confidence, bins),
    worstConfusions: worstConfusions(
      { labels, truth, predicted, confidence, ids },
      { pairs: input.worstConfusions, examplesPerPair: input.examplesPerConfusion },
    ),
  };
}
