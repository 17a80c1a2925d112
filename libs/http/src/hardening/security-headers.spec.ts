import helmet from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { registerSecurityHeaders, SECURITY_HEADERS } from './security-headers.js';

const HELMET_OPTIONS = {
  global: true,
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'none'"],
      frameAncestors: ["'none'"],
    },
  },
  frameguard: { action: 'deny' as const },
  referrerPolicy: { policy: 'no-referrer' as const },
  hsts: false,
};

async function headersOf(install: (app: FastifyInstance) => Promise<unknown>): Promise<Record<string, unknown>> {
  const app = Fastify();
  await install(app);
  app.get('/ping', () => ({ ok: true }));
  app.get('/framed', (_request, reply) => reply.header('x-frame-options', 'SAMEORIGIN').send({ ok: true }));
  try {
    const ping = await app.inject({ method: 'GET', url: '/ping' });
    const missing = await app.inject({ method: 'GET', url: '/missing' });
    const framed = await app.inject({ method: 'GET', url: '/framed' });
    return { ping: ping.headers, missing: missing.headers, framed: framed.headers['x-frame-options'] };
  } finally {
    await app.close();
  }
}

const without = (headers: unknown): Record<string, unknown> => {
  const { date: _date, ...rest } = headers as Record<string, unknown>;
  return rest;
};

describe('security headers', () => {
  it('are the headers @fastify/helmet sends with the same options, on answers and 404s, and a route may replace one', async () => {
    const ours = await headersOf((app) => {
      registerSecurityHeaders(app);
      return Promise.resolve();
    });
    const theirs = await headersOf(async (app) => {
      await app.register(helmet, HELMET_OPTIONS);
    });
    expect(without(ours.ping)).toEqual(without(theirs.ping));
    expect(without(ours.missing)).toEqual(without(theirs.missing));
    expect(ours.framed).toBe('SAMEORIGIN');
    expect(theirs.framed).toBe('SAMEORIGIN');
    for (const [name, value] of SECURITY_HEADERS) expect((ours.ping as Record<string, unknown>)[name]).toBe(value);
  });
});
