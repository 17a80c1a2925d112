import { percentileInterval, type BootstrapSamples } from './bootstrap.js';
import { confusedPairs } from './headline.js';
import type { EvaluationSections, ManifestSections } from './manifest-sections.js';
import { available, missing, notInManifest } from './part.js';
import type {
  CalibrationView,
  ClassQuality,
  ConfusionView,
  LearningCurveView,
  MetricRow,
  Part,
  RulesView,
} from './view-model.js';

/** Above this many classes, the confusion slide lists the top confused pairs instead of the matrix. */
export const MATRIX_CLASS_LIMIT = 12;

/** How many confused pairs the many-class confusion slide lists. */
export const TOP_PAIRS = 12;

/** The metrics table: each metric with its interval (when bootstrapped) and its meaning in words. */
export function buildMetricRows(
  test: EvaluationSections | undefined,
  samples: BootstrapSamples | undefined,
): Part<readonly MetricRow[]> {
  if (!test) return missing(notInManifest('test evaluation'));
  const { core } = test;
  const interval = (values: Float64Array | undefined) =>
    samples && values ? percentileInterval(values, samples.level) : null;
  const rows: (MetricRow | null)[] = [
    {
      name: 'Accuracy',
      value: core.accuracy,
      kind: 'score',
      interval: interval(samples?.accuracy),
      meaning: 'Share of test texts given the right class.',
    },
    {
      name: 'Macro-F1',
      value: core.macroF1,
      kind: 'score',
      interval: interval(samples?.macroF1),
      meaning: 'Average quality over the classes, each class counting the same, small ones included.',
    },
    core.macroPrecision === undefined
      ? null
      : {
          name: 'Macro precision',
          value: core.macroPrecision,
          kind: 'score',
          interval: null,
          meaning: 'When the model names a class, how often it is right (class average).',
        },
    core.macroRecall === undefined
      ? null
      : {
          name: 'Macro recall',
          value: core.macroRecall,
          kind: 'score',
          interval: null,
          meaning: "Of each class's texts, how many the model finds (class average).",
        },
    core.weightedF1 === undefined
      ? null
      : {
          name: 'Weighted F1',
          value: core.weightedF1,
          kind: 'score',
          interval: null,
          meaning: 'F1 averaged with each class weighted by its number of texts.',
        },
    core.logLoss === undefined
      ? null
      : {
          name: 'Log loss',
          value: core.logLoss,
          kind: 'loss',
          interval: null,
          meaning: 'Penalty for confident mistakes; lower is better, 0 is perfect.',
        },
    {
      name: 'Test texts',
      value: core.exampleCount,
      kind: 'count',
      interval: null,
      meaning: 'Texts held out from training and used only for this evaluation.',
    },
  ];
  return available(rows.filter((row): row is MetricRow => row !== null));
}

/** Per-class precision, recall and F1 in label order. */
export function buildPerClass(test: EvaluationSections | undefined): Part<readonly ClassQuality[]> {
  const perClass = test?.perClass;
  if (!test || !perClass) return missing(notInManifest('per-class metrics'));
  return available(
    test.core.labels.map((label) => {
      const metrics = perClass[label] ?? { precision: 0, recall: 0, f1: 0, support: 0, predicted: 0 };
      return { label, ...metrics };
    }),
  );
}

/** The confusion matrix for up to `MATRIX_CLASS_LIMIT` classes, else its most frequent pairs. */
export function buildConfusion(test: EvaluationSections | undefined): Part<ConfusionView> {
  const matrix = test?.confusionMatrix;
  if (!test || !matrix) return missing(notInManifest('confusion matrix'));
  const labels = test.core.labels;
  if (labels.length <= MATRIX_CLASS_LIMIT) return available({ mode: 'matrix', labels, matrix });
  return available({
    mode: 'pairs',
    classCount: labels.length,
    pairs: confusedPairs(labels, matrix).slice(0, TOP_PAIRS),
    labels,
    matrix,
  });
}

/** The reliability bins, the ECE and whether the model is over- or underconfident overall. */
export function buildCalibration(test: EvaluationSections | undefined): Part<CalibrationView> {
  const calibration = test?.calibration;
  if (!test || !calibration) return missing(notInManifest('calibration (reliability bins and ECE)'));
  const total = calibration.bins.reduce((sum, bin) => sum + bin.count, 0);
  const mean = (pick: (bin: CalibrationView['bins'][number]) => number): number =>
    total === 0 ? 0 : calibration.bins.reduce((sum, bin) => sum + bin.count * pick(bin), 0) / total;
  const meanConfidence = mean((bin) => bin.meanConfidence);
  const accuracy = mean((bin) => bin.accuracy);
  const gap = meanConfidence - accuracy;
  return available({
    expectedCalibrationError: calibration.expectedCalibrationError,
    bins: calibration.bins,
    tendency: gap > 0.02 ? 'overconfident' : gap < -0.02 ? 'underconfident' : 'balanced',
    meanConfidence,
    accuracy,
  });
}

/** The learning curve; validation values are null when the run had no validation set. */
export function buildLearningCurve(sections: ManifestSections): Part<LearningCurveView> {
  const curve = sections.curve;
  if (!curve) return missing(notInManifest('learning curve'));
  const hasValidation = sections.split ? sections.split.validation > 0 : curve.some((e) => (e.validationLoss ?? 0) > 0);
  return available({
    epochs: curve.map((epoch) => ({
      epoch: epoch.epoch,
      trainLoss: epoch.trainLoss,
      validationLoss: hasValidation ? (epoch.validationLoss ?? null) : null,
      validationMacroF1: hasValidation ? (epoch.validationMacroF1 ?? null) : null,
    })),
    keptEpoch: sections.bestEpoch !== undefined && sections.bestEpoch > 0 ? sections.bestEpoch : null,
  });
}

/** What the decision rules change: the test scores without and with them, per class too. */
export function buildRules(sections: ManifestSections): Part<RulesView> {
  const { test, testWithRules, rules } = sections;
  if (!test) return missing(notInManifest('test evaluation'));
  if (testWithRules === undefined) return missing(notInManifest('evaluation with the decision rules'));
  const withRules = testWithRules?.core ?? null;
  return available({
    ruleIds: (rules ?? []).map((rule) => rule.id),
    taggers: [...new Set((rules ?? []).map((rule) => rule.when.tagger))],
    withoutRules: { accuracy: test.core.accuracy, macroF1: test.core.macroF1 },
    withRules: withRules ? { accuracy: withRules.accuracy, macroF1: withRules.macroF1 } : null,
    perClass: test.core.labels.map((label) => ({
      label,
      without: test.perClass?.[label]?.f1 ?? 0,
      with: testWithRules?.perClass?.[label]?.f1 ?? test.perClass?.[label]?.f1 ?? 0,
    })),
  });
}
