export {
  provideInfrastructure,
  parseInfraOutput,
  managementUrlFor,
  repoRoot,
  type Infrastructure,
} from './infrastructure.js';
export { RabbitManagement } from './rabbit-management.js';
export { createTestEnvironment, type TestEnvironment } from './test-environment.js';
export { setupInfrastructure, teardownInfrastructure } from './global-setup.js';
export { waitFor } from './wait-for.js';
export { checkHttpSurface, type SurfaceFinding } from './http-surface.js';
