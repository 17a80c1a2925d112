// Brings the plugin's `app.metrics` type augmentation into the declarations consumers see.
import './plugins/metrics.plugin.js';

export { createHttpApp, type HttpApp } from './create-app.js';
export { asAttachment } from './hardening/served-document.js';
export { listenWithGracefulShutdown } from './graceful-shutdown.js';
export { AppError, defineError, defineErrors, type AppErrorFactory } from './errors/app-error.js';
export { registerRoute } from './register-route.js';
export type { ReadinessCheck } from './plugins/health.plugin.js';
export { positionAfter, toPage } from './cursor.js';
export { parseOrThrow } from './parse-or-throw.js';
/**
 * @public The types in the signatures of `registerRoute` and of the cursor helpers, so that
 * services can name a handler, its request, their server options or a list position.
 */
export type { RouteHandler, RouteRequest, RouteServerOptions } from './register-route.js';
/** @public See above. */
export type { ListCursor } from './cursor.js';
export { authErrors } from './auth/auth-errors.js';
export { cachingVerifier } from './auth/caching-verifier.js';
export { remoteVerifier } from './auth/remote-verifier.js';
export { callerOf } from './auth/caller-of.js';
export type { Caller, KeyVerifier } from './auth/caller.js';
/** @public The options of the auth plugin, returned by libs/runtime's service auth. */
export type { AuthOptions } from './auth/auth.plugin.js';
