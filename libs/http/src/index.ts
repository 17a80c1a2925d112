export { createHttpApp, type HttpApp, type HttpAppOptions } from './create-app.js';
export { listenWithGracefulShutdown } from './graceful-shutdown.js';
export { AppError, defineError, registeredErrors, type AppErrorFactory } from './errors/app-error.js';
export { httpErrors } from './errors/common-errors.js';
export type { ReadinessCheck } from './plugins/health.plugin.js';
