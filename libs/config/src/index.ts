export { loadConfig } from './load-config.js';
export { env, serviceEnvShape } from './env-schemas.js';
export {
  serviceSection,
  connectedServiceEnvShape,
  connectedServiceSections,
  type ServiceSection,
} from './service-sections.js';
