export { ConfigError, type ConfigIssue } from './config-error.js';
export { deepFreeze } from './deep-freeze.js';
export { loadConfig, createConfigHolder, type ConfigHolder } from './load-config.js';
export { env, serviceEnvShape, mongoEnvShape, amqpEnvShape } from './env-schemas.js';
export { serviceSection, mongoSection, amqpSection, type ServiceSection } from './service-sections.js';
