// Brings the plugin's `app.metrics` type augmentation into the declarations consumers see.
import './plugins/metrics.plugin.js';

export { createHttpApp, type HttpApp } from './create-app.js';
export { listenWithGracefulShutdown } from './graceful-shutdown.js';
export { AppError, defineError, type AppErrorFactory } from './errors/app-error.js';
export { registerRoute, type RouteHandler, type RouteRequest, type RouteServerOptions } from './register-route.js';
export type { ReadinessCheck } from './plugins/health.plugin.js';
export { positionAfter, toPage, type ListCursor } from './cursor.js';
export { parseOrThrow } from './parse-or-throw.js';
