import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * The Content-Security-Policy of a JSON API: nothing may load, nothing may frame it. Swagger UI
 * under `/docs` replaces it with its own (scripts and styles from itself only); see docs.plugin.ts.
 */
const API_CSP = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'none'"],
    frameAncestors: ["'none'"],
  },
};

/**
 * Security headers on every answer (@fastify/helmet): a deny-all CSP, `X-Content-Type-Options:
 * nosniff`, `X-Frame-Options: DENY`, no referrer, same-origin resource and opener policies.
 */
export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: API_CSP,
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    hsts: false,
  });
}
