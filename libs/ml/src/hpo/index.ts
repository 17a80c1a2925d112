export {
  isActive,
  type Assignment,
  type Distribution,
  type ParameterValue,
  type SearchParameter,
  type SearchSpace,
  type SearchSpaceInput,
} from './search-space.js';
export { bestTrial, isBetter, type Direction, type TrialRecord, type TrialState } from './trial-history.js';
export type { Sampler, SuggestInput } from './sampler.js';
export { randomSampler } from './random-sampler.js';
export { createTpeSampler, defaultGamma, TPE_DEFAULTS, type TpeOptions } from './tpe-sampler.js';
export { samplerFor, type SamplerSpec } from './sampler-spec.js';
export { shouldPrune, type PrunerSpec, type PruneInput } from './pruners.js';
export { applyOverrides, assertPointersExist, UnknownConfigFieldError } from './config-overrides.js';
export { parameterImportances } from './importance.js';
export { parallelCoordinates, type ParallelAxis } from './parallel-coordinates.js';
