/**
 * @public The runtime's surface: inference serves models with `OnnxClassifier`, dl-trainer checks
 * exports with `checkParity`; both callers land after this library.
 */
export { OnnxClassifier } from './onnx-classifier.js';
/** @public See above. */
export { OnnxClassifierOptionsSchema, type OnnxClassifierOptions } from './session-options.js';
/** @public See above. */
export { checkParity, type ParityCheckOptions, type ProbabilityModel } from './parity-check.js';
export { checkExportedModel } from './check-exported-model.js';
