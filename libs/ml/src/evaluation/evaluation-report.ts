import { z } from 'zod';

const share = z.number().min(0).max(1);
const count = z.number().int().min(0);

/** Precision, recall and F1 of one class, with its support and how often it was predicted. */
export const classMetricsSchema = z.strictObject({
  precision: share,
  recall: share,
  f1: share,
  support: count.describe('examples of this class'),
  predicted: count.describe('examples predicted as this class'),
});
/** Precision, recall and F1 of one class. */
export type ClassMetrics = z.output<typeof classMetricsSchema>;

/** The examples whose confidence falls in [lower, upper) (the last bin includes 1). */
export const reliabilityBinSchema = z.strictObject({
  lower: share,
  upper: share,
  count,
  meanConfidence: share.describe("mean confidence of the bin's examples; 0 when it has none"),
  accuracy: share.describe("share of the bin's examples predicted right; 0 when it has none"),
});
/** One bin of a reliability diagram. */
export type ReliabilityBin = z.output<typeof reliabilityBinSchema>;

/** How well the confidence of the predictions matches their accuracy. */
export const calibrationSchema = z.strictObject({
  expectedCalibrationError: share.describe('Σ (bin count / examples) × |bin accuracy − bin mean confidence|'),
  bins: z.array(reliabilityBinSchema).min(1).describe('every bin, empty ones included, from confidence 0 up'),
});
/** Expected calibration error with its reliability bins. */
export type Calibration = z.output<typeof calibrationSchema>;

/** One example of a confusion, with the probability the model gave its (wrong) prediction. */
export const confusedExampleSchema = z.strictObject({ id: z.string(), confidence: share });

/** A (true, predicted) pair of different classes, its count and its most confident mistakes. */
export const worstConfusionSchema = z.strictObject({
  truth: z.string().describe('the true label'),
  predicted: z.string().describe('the predicted label'),
  count: count.min(1),
  examples: z.array(confusedExampleSchema).describe('the most confident mistakes first'),
});
/** A (true, predicted) pair of different classes with its examples. */
export type WorstConfusion = z.output<typeof worstConfusionSchema>;

/**
 * The evaluation of a model on a labelled set, as stored in model manifests. Plain JSON numbers;
 * a division by zero (empty class, bin or set) is defined as 0, so no NaN appears.
 */
export const evaluationReportSchema = z
  .strictObject({
    labels: z.array(z.string()).min(1).describe('the classes, in model output order'),
    exampleCount: count.describe('examples evaluated'),
    accuracy: share,
    macroPrecision: share.describe('mean over the classes that occur in the truth or the predictions'),
    macroRecall: share.describe('mean over the classes that occur in the truth or the predictions'),
    macroF1: share.describe('mean over the classes that occur in the truth or the predictions'),
    microF1: share.describe('equals the accuracy for single-label predictions'),
    weightedF1: share.describe('per-class F1 weighted by support'),
    logLoss: z.number().min(0).describe('mean −ln p(true class), p clipped to at least 2^-52'),
    perClass: z.record(z.string(), classMetricsSchema).describe('by label, every label'),
    confusionMatrix: z.array(z.array(count)).describe('rows = true class, columns = predicted class, label order'),
    calibration: calibrationSchema,
    worstConfusions: z.array(worstConfusionSchema).describe('the most frequent mistakes first'),
  })
  .superRefine((report, context) => {
    const size = report.labels.length;
    const perClassLabels = Object.keys(report.perClass);
    if (perClassLabels.length !== size || report.labels.some((label) => !Object.hasOwn(report.perClass, label))) {
      context.addIssue({ code: 'custom', path: ['perClass'], message: 'must hold one entry per label' });
    }
    if (report.confusionMatrix.length !== size || report.confusionMatrix.some((row) => row.length !== size)) {
      context.addIssue({ code: 'custom', path: ['confusionMatrix'], message: `must be ${size} × ${size}` });
    }
  });
/** The evaluation of a model on a labelled set. */
export type EvaluationReport = z.output<typeof evaluationReportSchema>;
