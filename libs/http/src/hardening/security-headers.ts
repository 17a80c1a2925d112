import type { FastifyInstance } from 'fastify';

/**
 * The security headers of every answer: what @fastify/helmet 13 (helmet 8) sends with a deny-all
 * Content-Security-Policy (`useDefaults: false`, nothing may load, nothing may frame it),
 * `frameguard: deny`, `referrerPolicy: no-referrer` and no HSTS; security-headers.spec.ts checks
 * that they stay equal. Swagger UI under `/docs` replaces the CSP with its own (scripts and styles
 * from itself only); see docs.plugin.ts.
 */
export const SECURITY_HEADERS: readonly (readonly [string, string])[] = [
  ['content-security-policy', "default-src 'none';base-uri 'none';form-action 'none';frame-ancestors 'none'"],
  ['cross-origin-opener-policy', 'same-origin'],
  ['cross-origin-resource-policy', 'same-origin'],
  ['origin-agent-cluster', '?1'],
  ['referrer-policy', 'no-referrer'],
  ['x-content-type-options', 'nosniff'],
  ['x-dns-prefetch-control', 'off'],
  ['x-download-options', 'noopen'],
  ['x-frame-options', 'DENY'],
  ['x-permitted-cross-domain-policies', 'none'],
  ['x-xss-protection', '0'],
];

/**
 * Security headers on every answer, set on the raw response when the request arrives (as helmet
 * does, so a route may still replace one): the fixed list above, instead of @fastify/helmet, which
 * rebuilds its whole configuration and middleware chain on every request (about 15 µs of CPU each
 * under load, the largest cost of the stack outside the model; see wiki/benchmarks.md, serving).
 */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onRequest', (_request, reply, done) => {
    const raw = reply.raw;
    for (const [name, value] of SECURITY_HEADERS) raw.setHeader(name, value);
    done();
  });
}
