export { registryCollections, openModelRegistry, type ModelRegistry } from './model-registry.js';
export { loadRegistryConfig, type RegistryConfig } from './registry.config.js';
export { registerAliasRoutes } from './aliases.route.js';
export { registerArtifactRoutes } from './artifacts.route.js';
export { registerModelRoutes } from './models.route.js';
export { registerRunRoutes } from './runs.route.js';
export { startRegistryEventSweeper } from './registry-event-sweeper.js';
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
