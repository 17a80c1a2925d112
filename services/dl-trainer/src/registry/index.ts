export { registryCollections, openModelRegistry, type ModelRegistry } from './model-registry.js';
export { loadRegistryConfig, type RegistryConfig } from './registry.config.js';
export { registerRegistryRoutes, startRegistryEventSweeper } from './registry.routes.js';
export { registerModelVersion, type RegisterModelVersionInput } from './register-model-version.usecase.js';
export { moveAlias, resolveAlias, type MoveAliasInput } from './move-alias.usecase.js';
export {
  startRun,
  recordEpoch,
  recordPhase,
  finishRun,
  type StartRunInput,
  type FinishRunInput,
} from './training-runs.usecase.js';
export { readModelFile, findVersionByIdempotencyKey } from './read-model.usecase.js';
export { ARTIFACT_BUCKET } from './artifact-store.js';
export { metricsSummary } from './manifest-check.js';
