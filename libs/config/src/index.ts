export { loadConfig } from './load-config.js';
export { env, serviceEnvShape, mongoEnvShape, amqpEnvShape } from './env-schemas.js';
export { serviceSection, mongoSection, amqpSection, type ServiceSection } from './service-sections.js';
