import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { HttpApp } from '@mlops/http';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * The dashboard's own policy: its scripts, styles and data from this origin only (no eval: vega
 * runs its expressions with vega-interpreter); inline style attributes, which vega's SVG sets.
 */
const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Paths that are the API's, never a dashboard page: an unknown one stays a problem+json 404. */
const API_PREFIXES = ['/v1/', '/ui/', '/docs', '/openapi.json', '/metrics', '/healthz', '/readyz', '/assets/'];

function isPageRequest(request: FastifyRequest): boolean {
  const path = request.url.split('?')[0] ?? '/';
  if (API_PREFIXES.some((prefix) => path === prefix.replace(/\/$/, '') || path.startsWith(prefix))) return false;
  return (request.headers.accept ?? '').includes('text/html');
}

function sendIndex(reply: FastifyReply): FastifyReply {
  return reply
    .header('content-security-policy', DASHBOARD_CSP)
    .header('cache-control', 'no-cache')
    .type('text/html; charset=utf-8')
    .sendFile('index.html');
}

/**
 * Serves the built dashboard from `root`: hashed files under `/assets/` (cached for a year, they
 * never change), `index.html` at `/` and at every page URL a browser asks for (so a shared or
 * reloaded link opens its page). Anything else unknown keeps the API's problem+json 404.
 */
export async function registerStaticDashboard(app: HttpApp, root: string): Promise<void> {
  await app.register(fastifyStatic, { root, serve: false });
  const config = { sessionAuthenticated: true } as const;
  app.route({
    method: 'GET',
    url: '/assets/*',
    config,
    schema: { hide: true },
    handler: (request, reply) => {
      const file = (request.params as { '*': string })['*'];
      return reply
        .header('cache-control', 'public, max-age=31536000, immutable')
        .sendFile(join('assets', file), { cacheControl: false });
    },
  });
  app.route({
    method: 'GET',
    url: '/',
    config,
    schema: { hide: true },
    handler: (_request, reply) => sendIndex(reply),
  });
  app.route({
    method: 'GET',
    url: '/*',
    config,
    schema: { hide: true },
    handler: (request, reply) => (isPageRequest(request) ? sendIndex(reply) : reply.callNotFound()),
  });
}
