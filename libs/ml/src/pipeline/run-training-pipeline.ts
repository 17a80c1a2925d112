import { createHash } from 'node:crypto';
import type { TrainingConfig } from '../config/training-config.js';
import { packBatch, type SparseVector } from '../core/sparse-vector.js';
import {
  evaluate,
  testPredictionRecords,
  type EvaluationReport,
  type TestPredictionRecord,
} from '../evaluation/index.js';
import { fitTextFeaturizer, type TextFeaturizer } from '../featurizers/text-featurizer.js';
import { MANIFEST_FORMAT_VERSION, type ModelManifest } from '../manifest/model-manifest.js';
import { useBackend, type BackendPreference } from '../model/backend.js';
import type { SparseBagWeights } from '../model/network-weights.js';
import { calibrate } from '../model/temperature.js';
import { createTfjsModel } from '../model/tfjs-forward.js';
import { trainSparseBag, type EpochListener, type TrainerCheckpoint } from '../model/trainer.js';
import type { ProbabilityComparison } from '../onnx/parity.js';
import { exportSparseBagToOnnx, ONNX_OPSET_VERSION } from '../onnx/export-sparse-bag.js';
import { applyDecisionRules } from '../rules/apply-decision-rules.js';
import { validateRulesAgainstLabels } from '../rules/validate-rules-against-labels.js';
import { stratifiedSplit } from '../split/stratified-split.js';
import { applyDatasetSteps } from '../steps/apply-steps.js';
import type { DatasetRow } from '../steps/dataset-row.js';
import { checkTrainingData } from './check-data.js';
import { TrainingPipelineError } from './pipeline-error.js';
import { refitOnAllRows } from './refit.js';
import { trainingStatistics } from './training-statistics.js';
import { manifestJson } from '../manifest/manifest-json.js';

/** A record of a frozen dataset version, as the pipeline reads it. */
export interface TrainingRow extends DatasetRow {
  readonly numeric?: Readonly<Record<string, number>> | undefined;
}

/** What a run needs besides its config and data. */
export interface PipelineInput {
  readonly config: TrainingConfig;
  readonly rows: readonly TrainingRow[];
  readonly datasetContentHash: string;
  /**
   * Runs the exported model on the test rows and compares its probabilities with TensorFlow.js's
   * (ONNX Runtime in dl-trainer); the pipeline fails the run on a mismatch.
   */
  readonly checkExported: (
    onnx: Uint8Array,
    vectors: readonly SparseVector[],
    expected: Float32Array,
    tolerance: number,
  ) => Promise<ProbabilityComparison>;
  /** Name of the runtime `checkExported` uses, recorded with the parity result. */
  readonly exportedRuntime: string;
  readonly lineage: { readonly jobId: string | null; readonly runId: string | null; readonly codeVersion: string };
  readonly backend?: BackendPreference | undefined;
  readonly resumeFrom?: TrainerCheckpoint | undefined;
  readonly onEpoch?: EpochListener | undefined;
  readonly signal?: AbortSignal | undefined;
  readonly now?: () => Date;
}

/** A trained, evaluated and exported model: the folder to register and its manifest. */
export interface PipelineResult {
  readonly manifest: ModelManifest;
  readonly files: readonly { readonly path: 'manifest.json' | 'model.onnx'; readonly content: Uint8Array }[];
  readonly weights: SparseBagWeights;
  /** Each test example as the evaluated model predicted it (the cells of `metrics.test.confusionMatrix`). */
  readonly testPredictions: readonly TestPredictionRecord[];
}

const PREDICT_CHUNK = 256;

/**
 * The training pipeline: adapt → filter → check → split (stratified, seeded) → fit the featurizer
 * on train only → train (every epoch, or early stopping on validation macro-F1) → calibrate a
 * squared-hinge model's probabilities on validation → evaluate on test with TensorFlow.js (and the
 * decision rules) → refit on every labelled row with the same recipe (`split.refit`) → export ONNX
 * → parity check against the exported model → manifest. The test metrics are those of the
 * held-out run: the estimate of the served model's recipe. Throws `TrainingPipelineError` for data
 * or parity problems no retry can fix.
 */
export async function runTrainingPipeline(input: PipelineInput): Promise<PipelineResult> {
  const { config } = input;
  const timings: Record<string, number> = {};
  const timed = async <T>(name: string, step: () => T | Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await step();
    timings[name] = (performance.now() - started) / 1000;
    return result;
  };
  const backend = await useBackend(input.backend);
  const prepared = applyDatasetSteps(input.rows, config);
  const labels = checkTrainingData(prepared.rows, config.data);
  checkRules(config, labels);
  const split = stratifiedSplit(prepared.rows, config.split, config.seed);
  const featurizer = await timed('featurizerFitSeconds', () => fitTextFeaturizer(config.featurizer, split.train));
  const encode = (rows: readonly TrainingRow[]): { vectors: SparseVector[]; targets: Int32Array } => ({
    vectors: rows.map((row) => featurizer.transform(row.text, row.numeric)),
    targets: Int32Array.from(rows, (row) => labels.indexOf(row.label)),
  });
  const [train, validation, test] = await timed('featurizeSeconds', () => [
    encode(split.train),
    encode(split.validation),
    encode(split.test),
  ]);
  const trained = await timed('trainSeconds', () =>
    trainSparseBag({
      model: config.model,
      optimization: config.optimization,
      featureCount: featurizer.dimension,
      classes: labels.length,
      seed: config.seed,
      train,
      validation,
      resumeFrom: input.resumeFrom,
      onEpoch: input.onEpoch,
      signal: input.signal,
    }),
  );
  const calibrated = calibrate(trained.weights, config.optimization.loss, validation, train, labels.length);
  const probabilities = await timed('evaluateSeconds', () =>
    predictWithTfjs(calibrated.weights, test.vectors, labels.length),
  );
  const testIds = split.test.map((row) => row.id);
  const report = (rows: Float32Array): EvaluationReport =>
    evaluate({
      labels,
      truth: test.targets,
      probabilities: rows,
      ids: testIds,
      bins: config.evaluation.calibrationBins,
      worstConfusions: config.evaluation.worstConfusions,
      examplesPerConfusion: config.evaluation.examplesPerConfusion,
    });
  const testReport = report(probabilities);
  const withRules = config.rules.length > 0 ? report(decidedRows(config, split.test, labels, probabilities)) : null;
  const served = config.split.refit
    ? await timed('refitSeconds', () =>
        refitOnAllRows({
          options: config,
          rows: [...split.train, ...split.validation, ...split.test],
          labels,
          seed: config.seed,
          epochs: trained.bestEpoch,
          temperature: calibrated.temperature,
          signal: input.signal,
        }),
      )
    : { featurizer, weights: calibrated.weights };
  const servedTest =
    served.featurizer === featurizer
      ? test.vectors
      : split.test.map((row) => served.featurizer.transform(row.text, row.numeric));
  const servedProbabilities =
    served.featurizer === featurizer ? probabilities : predictWithTfjs(served.weights, servedTest, labels.length);
  const onnx = await timed('exportSeconds', () =>
    exportSparseBagToOnnx(served.weights, { modelName: config.modelName, labels }),
  );
  const parity = await timed('paritySeconds', () =>
    input.checkExported(onnx, servedTest, servedProbabilities, config.evaluation.parityTolerance),
  );
  if (!parity.passed || parity.argmaxMismatches > 0) {
    throw new TrainingPipelineError(
      'TRAINING_PARITY_FAILED',
      `${input.exportedRuntime} disagrees with TensorFlow.js on the test set: max |Δp| ${parity.maxAbsDifference} (tolerance ${parity.tolerance}), ${parity.argmaxMismatches} different argmax`,
    );
  }
  const manifest: ModelManifest = {
    formatVersion: MANIFEST_FORMAT_VERSION,
    model: {
      name: config.modelName,
      task: config.task,
      architecture: config.model.kind,
      createdAt: (input.now?.() ?? new Date()).toISOString(),
      weightsSha256: createHash('sha256').update(onnx).digest('hex'),
    },
    labels,
    input: {
      file: 'model.onnx',
      opset: ONNX_OPSET_VERSION,
      ids: 'ids',
      values: 'values',
      probabilities: 'probabilities',
      featureCount: served.featurizer.dimension,
    },
    preprocessing: { featurizer: served.featurizer.toJSON() },
    rules: config.rules,
    metrics: {
      test: testReport,
      testWithRules: withRules,
      parity: { runtime: input.exportedRuntime, ...withoutWorstRow(parity) },
      bestEpoch: trained.bestEpoch,
      curve: [...trained.curve],
      estimate: {
        servedModel: config.split.refit ? 'refit' : 'evaluated',
        evaluatedTrainRows: split.train.length,
        servedTrainRows: config.split.refit ? prepared.rows.length : split.train.length,
        epochs: trained.bestEpoch,
        temperature: calibrated.temperature,
      },
    },
    trainingStatistics: statisticsOf(featurizer, split, train.targets, testReport),
    data: {
      steps: prepared.steps,
      split: { train: split.train.length, validation: split.validation.length, test: split.test.length },
    },
    lineage: {
      dataset: { name: config.dataset.name, version: config.dataset.version, contentHash: input.datasetContentHash },
      seed: config.seed,
      ...input.lineage,
    },
    environment: { backend, node: process.version, platform: process.platform, arch: process.arch },
    config: JSON.parse(JSON.stringify(config)) as Record<string, unknown>,
    timings,
  };
  return {
    manifest,
    files: [
      { path: 'manifest.json', content: new TextEncoder().encode(manifestJson(manifest)) },
      { path: 'model.onnx', content: onnx },
    ],
    weights: served.weights,
    testPredictions: testPredictionRecords({ labels, truth: test.targets, probabilities, rows: split.test }),
  };
}

function checkRules(config: TrainingConfig, labels: readonly string[]): void {
  try {
    validateRulesAgainstLabels(config.rules, labels);
  } catch (error) {
    throw new TrainingPipelineError('TRAINING_RULES_INVALID', `config.rules: ${(error as Error).message}`);
  }
}

function predictWithTfjs(weights: SparseBagWeights, vectors: readonly SparseVector[], classes: number): Float32Array {
  const model = createTfjsModel(weights);
  try {
    const probabilities = new Float32Array(vectors.length * classes);
    for (let from = 0; from < vectors.length; from += PREDICT_CHUNK) {
      probabilities.set(model.predict(packBatch(vectors.slice(from, from + PREDICT_CHUNK))), from * classes);
    }
    return probabilities;
  } finally {
    model.dispose();
  }
}

/** Probability rows where a rule decided: one-hot on the rule's label, so accuracy and F1 count the decision. */
function decidedRows(
  config: TrainingConfig,
  rows: readonly TrainingRow[],
  labels: readonly string[],
  probabilities: Float32Array,
): Float32Array {
  const classes = labels.length;
  const decided = probabilities.slice();
  rows.forEach((row, index) => {
    const decision = applyDecisionRules(config.rules, {
      text: row.text,
      labels,
      probabilities: probabilities.subarray(index * classes, (index + 1) * classes),
    });
    if (decision.rule !== null) {
      decided.fill(0, index * classes, (index + 1) * classes);
      decided[index * classes + decision.labelIndex] = 1;
    }
  });
  return decided;
}

/**
 * The drift reference. Out-of-vocabulary rates are measured on the held-out texts (validation and
 * test), which the featurizer never saw, as live texts are: on its own training texts a fitted
 * vocabulary has no unknown word at all. Without held-out texts, the training texts stand in.
 */
function statisticsOf(
  featurizer: TextFeaturizer,
  split: { train: readonly TrainingRow[]; validation: readonly TrainingRow[]; test: readonly TrainingRow[] },
  trainTargets: Int32Array,
  testReport: EvaluationReport,
): ModelManifest['trainingStatistics'] {
  const heldOut = [...split.validation, ...split.test];
  return trainingStatistics({
    labels: testReport.labels,
    trainTargets,
    testPredictedCounts: testReport.labels.map((label) => testReport.perClass[label]?.predicted ?? 0),
    textLengths: split.train.map((row) => row.text.length),
    outOfVocabularyRates: (heldOut.length > 0 ? heldOut : split.train).map(
      (row) => featurizer.describe(row.text).outOfVocabularyRate,
    ),
  });
}

function withoutWorstRow<T extends { worstRow: unknown }>(comparison: T): Omit<T, 'worstRow'> {
  const { worstRow: _worstRow, ...rest } = comparison;
  return rest;
}
