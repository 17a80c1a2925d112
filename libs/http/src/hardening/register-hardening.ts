import type { FastifyInstance } from 'fastify';
import { registerCors } from './cors.js';
import { refuseEncodedBodies } from './content-encoding.js';
import type { HardeningOptions } from './hardening-options.js';
import { registerHostCheck } from './host-check.js';
import { registerRateLimit } from './rate-limit.js';
import { registerSecurityHeaders } from './security-headers.js';

/**
 * Installs the request-level limits on an app, before its routes: Host check (loopback only),
 * CORS (when origins are listed), security headers, refusal of compressed bodies, rate limit.
 * Timeouts are server options; see `serverTimeouts`.
 */
export async function registerHardening(app: FastifyInstance, options: HardeningOptions): Promise<void> {
  if (options.loopbackOnly) registerHostCheck(app, options.allowedHosts);
  await registerCors(app, options.corsOrigins);
  registerSecurityHeaders(app);
  refuseEncodedBodies(app);
  await registerRateLimit(app, options.rateLimit);
}
