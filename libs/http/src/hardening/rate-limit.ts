import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { hardeningErrors } from './hardening-errors.js';
import type { HardeningOptions } from './hardening-options.js';

const BEARER_KEY_PREFIX = /^Bearer\s+mlk_([a-z0-9]{8,32})_/i;
const UNLIMITED_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * Who a request counts against: the public prefix of its API key (`mlk_<prefix>_…` in the
 * Authorization bearer), else the client address. Read from the header rather than from the
 * verified caller so that the limit also holds for floods of bad keys, before any key lookup.
 */
export function rateLimitKey(request: FastifyRequest): string {
  const authorization = request.headers.authorization;
  const match = typeof authorization === 'string' ? BEARER_KEY_PREFIX.exec(authorization) : null;
  return match?.[1] ? `key:${match[1].toLowerCase()}` : `ip:${request.ip}`;
}

/**
 * Limits requests per key and window (@fastify/rate-limit, in-process store). Past the limit the
 * answer is 429 problem+json with `Retry-After` (seconds) and the `x-ratelimit-*` headers. Probes
 * are never limited. It runs as an app-level `onRequest` hook, so before the route-level key
 * check: a flood of bad keys is limited before any key is looked up.
 */
export async function registerRateLimit(app: FastifyInstance, options: HardeningOptions['rateLimit']): Promise<void> {
  if (options.max <= 0) return;
  await app.register(rateLimit, {
    global: false,
    max: options.max,
    timeWindow: options.windowMs,
    keyGenerator: rateLimitKey,
    allowList: (request) => UNLIMITED_PATHS.has(request.url.split('?')[0] ?? ''),
    errorResponseBuilder: (_request, context) =>
      hardeningErrors.rateLimited(
        `At most ${context.max} requests per ${context.after}; retry after the time in Retry-After.`,
      ),
  });
  app.addHook('onRequest', app.rateLimit());
}
