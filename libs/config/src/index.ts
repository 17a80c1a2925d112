export { loadConfig } from './load-config.js';
export { env, serviceEnvShape } from './env-schemas.js';
export {
  serviceSection,
  connectedServiceEnvShape,
  connectedServiceSections,
  type ServiceSection,
} from './service-sections.js';
/** @public Named in the inferred config types of the services (their declaration files need them). */
export type { AuthSection, HttpHardeningSection } from './service-sections.js';
