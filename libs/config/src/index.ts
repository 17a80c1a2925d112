export { loadConfig } from './load-config.js';
export { env, serviceEnvShape } from './env-schemas.js';
export {
  serviceSection,
  connectedServiceEnvShape,
  connectedServiceSections,
  type ServiceSection,
  type AuthSection,
  type HttpHardeningSection,
} from './service-sections.js';
