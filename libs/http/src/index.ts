export { createHttpApp, type HttpApp } from './create-app.js';
export { listenWithGracefulShutdown } from './graceful-shutdown.js';
export { defineError } from './errors/app-error.js';
export type { ReadinessCheck } from './plugins/health.plugin.js';
