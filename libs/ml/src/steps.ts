/**
 * Dataset adapters and filterers only (`@mlops/ml/steps`): what feature-store needs to freeze a
 * version, without loading TensorFlow.js.
 */
export { applyDatasetSteps } from './steps/apply-steps.js';
export type { DatasetRow } from './steps/dataset-row.js';
/** @public The steps' input and output types, and one step at a time for a caller recording its steps itself. */
export type { DatasetSteps, StepRecord } from './steps/apply-steps.js';
/** @public See above. */
export type { StepResult } from './steps/dataset-row.js';
/** @public See above. */
export { applyAdapter, applyFilterer } from './steps/pipeline-steps.js';
