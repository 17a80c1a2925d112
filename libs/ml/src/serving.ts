/**
 * What serving a trained model needs (`@mlops/ml/serving`): the manifest, the featurizer rebuilt
 * from it, batch packing and the decision rules, without loading TensorFlow.js.
 */
export { packBatch, type SparseVector } from './core/sparse-vector.js';
export { readManifest, type ModelManifest } from './manifest/model-manifest.js';
export { textFeaturizerFromJSON, textFeaturizerFromState, type TextFeaturizer } from './featurizers/text-featurizer.js';
export { validateRulesAgainstLabels } from './rules/validate-rules-against-labels.js';
export { taggersNeeded } from './rules/taggers-needed.js';
export { applyDecisionRules } from './rules/apply-decision-rules.js';
