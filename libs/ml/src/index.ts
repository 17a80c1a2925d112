export { packBatch, type PackedBatch, type SparseVector } from './core/sparse-vector.js';
export { createRandom } from './core/random.js';
export type { LabelledExample } from './core/example.js';
export { stratifiedSplit } from './split/stratified-split.js';
export type { SparseBagWeights } from './model/network-weights.js';
/**
 * @public Decision rules (tagger hits combined with the model's output): the training config
 * declares them, training evaluation and serving apply them; those callers land after this module.
 */
export { decisionRulesSchema, type DecisionRule } from './rules/decision-rules.schema.js';
/** @public See above. */
export { validateRulesAgainstLabels } from './rules/validate-rules-against-labels.js';
/** @public See above. */
export { taggersNeeded } from './rules/taggers-needed.js';
/** @public See above. */
export { applyDecisionRules, type Decision, type DecisionInput } from './rules/apply-decision-rules.js';
/** @public The export options type: dl-trainer builds them from the run and the label map once it lands. */
export { exportSparseBagToOnnx, type OnnxExportOptions } from './onnx/export-sparse-bag.js';
export { readOnnxMetadata, type OnnxModelMetadata } from './onnx/onnx-metadata.js';
export { SPARSE_BAG_ONNX_SIGNATURE } from './onnx/sparse-bag-signature.js';
export { compareProbabilities, type ProbabilityComparison } from './onnx/parity.js';
/** Reference forward pass and seeded random models and inputs, for parity tests and benchmarks. */
export { sparseBagForward } from './onnx/reference-forward.js';
export { randomSparseBagWeights, type SparseBagKind } from './onnx/random-sparse-bag-weights.js';
export { randomSparseVectors } from './onnx/random-sparse-vectors.js';
export { useBackend, type BackendPreference } from './model/backend.js';
export { trainSparseBag, type EpochRecord, type TrainerCheckpoint } from './model/trainer.js';
export { encodeCheckpoint, decodeCheckpoint } from './model/checkpoint-codec.js';
export { createTfjsModel } from './model/tfjs-forward.js';
export { calibrate } from './model/temperature.js';
export { refitOnAllRows } from './pipeline/refit.js';
export { trainingOptionsSchema, type TrainingOptions } from './config/training-options.js';
export { resolveTrainingConfig, TrainingConfigError, type TrainingConfig } from './config/training-config.js';
export { runTrainingPipeline, type PipelineResult } from './pipeline/run-training-pipeline.js';
export { TrainingPipelineError } from './pipeline/pipeline-error.js';
export type { TrainingStatistics } from './pipeline/training-statistics.js';
export { modelManifestSchema, readManifest, type ModelManifest } from './manifest/model-manifest.js';
export { fitTextFeaturizer, textFeaturizerFromJSON, type TextFeaturizer } from './featurizers/text-featurizer.js';
/**
 * @public The types in the signatures of the functions above (random source, split, weights,
 * trainer and pipeline inputs, TensorFlow.js model), so that callers can name them.
 */
export type { Random } from './core/random.js';
/** @public See above. */
export type { DatasetSplit, SplitFractions } from './split/stratified-split.js';
/** @public See above. */
export type { Activation, DenseLayerWeights } from './model/network-weights.js';
/** @public See above. */
export type { ModelSpec, OptimizationSpec } from './model/model-spec.js';
/** @public See above. */
export type { TrainingData } from './model/trainer.js';
/** @public See above. */
export type { TfjsSparseBagModel } from './model/tfjs-forward.js';
/** @public See above. */
export type { PipelineInput, TrainingRow } from './pipeline/run-training-pipeline.js';
/**
 * @public The featurizers on their own and the text featurizer's spec and state: the training
 * config embeds the spec, inference rebuilds the featurizer from a manifest's state.
 */
export { featurizerSpecSchema, type FeaturizerSpec, type FeaturizerSpecInput } from './featurizers/featurizer-spec.js';
/** @public See above. */
export {
  textFeaturizerStateSchema,
  type FeaturizerInput,
  type TextFeaturizerState,
  type TextStatistics,
} from './featurizers/text-featurizer.js';
/** @public See above. */
export type { FeatureLayout, FeatureRange } from './featurizers/feature-layout.js';
/** @public See above. */
export { FeaturizerStateError } from './featurizers/featurizer-state.js';
/** @public See above. */
export { fitVocabulary, vocabularyFromJSON, type Vocabulary } from './featurizers/vocabulary.js';
/** @public See above. */
export { createWordNgrams, wordNgramsFromJSON, type WordNgrams } from './featurizers/word-ngrams.js';
/** @public See above. */
export { createCharNgrams, charNgramsFromJSON, type CharNgrams } from './featurizers/char-ngrams.js';
/** @public See above. */
export { fitTfIdf, tfIdfFromJSON, type TfIdfWeighting } from './featurizers/tfidf-weighting.js';
/** @public See above. */
export { createMeanWeighting, meanWeightingFromJSON, type MeanWeighting } from './featurizers/mean-weighting.js';
/** @public See above. */
export { fitNumericScaler, numericScalerFromJSON, type NumericScaler } from './featurizers/numeric-scaler.js';
/**
 * @public The text featurizer as first written (regular-expression tokeniser, a string per token):
 * the reference the differential tests and the featurize benchmark compare the featurizer with.
 */
export {
  fitReferenceTextFeaturizer,
  referenceTextFeaturizer,
  type ReferenceTextFeaturizer,
} from './featurizers/reference-text-featurizer.js';
/** @public Evaluation: the pipeline evaluates test sets, manifests store the reports and learning curves. */
export {
  evaluate,
  evaluationReportSchema,
  learningCurveSchema,
  type EvaluationInput,
  type EvaluationReport,
  type LearningCurve,
  type LearningCurveEpoch,
  type TestPredictionRecord,
} from './evaluation/index.js';
/** Hyperparameter search: search spaces over config pointers, random and TPE samplers, pruners, study analysis. */
export * from './hpo/index.js';
