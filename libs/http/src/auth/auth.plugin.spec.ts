import type { Scope } from '@mlops/contracts';
import { defineRoute } from '@mlops/contracts';
import { createLogger } from '@mlops/logger';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createHttpApp, type HttpApp } from '../create-app.js';
import { registerRoute } from '../register-route.js';
import { callerOf } from './caller-of.js';
import type { Caller, KeyVerifier } from './caller.js';

const silent = createLogger({ service: 'test', level: 'silent' });

const KEYS: Record<string, Caller> = {
  'reader-key': { owner: 'rita', keyPrefix: 'reader00', scopes: ['read'] },
  'admin-key': { owner: 'ada', keyPrefix: 'admin000', scopes: ['admin'] },
  'empty-key': { owner: 'nemo', keyPrefix: 'empty000', scopes: [] },
};

const mapVerifier: KeyVerifier = { verify: (key) => Promise.resolve(KEYS[key]) };

function route(scope: Scope | 'public', path = '/v1/things') {
  return defineRoute({
    service: 'test',
    method: 'GET',
    path,
    tags: ['things'],
    scope,
    summary: 'things',
    responses: { 200: z.object({ owner: z.string() }) },
    errors: [],
  });
}

let app: HttpApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function buildApp(options: { verifier?: KeyVerifier; opsOpen?: boolean } = {}): Promise<HttpApp> {
  app = await createHttpApp({
    service: 'test',
    version: '1.0.0',
    description: 'test',
    logger: silent,
    bodyLimitBytes: 1024,
    auth: { verifier: options.verifier ?? mapVerifier, opsEndpointsOpen: options.opsOpen ?? true },
  });
  registerRoute(app, route('read'), (request) => ({ owner: callerOf(request).owner }));
  return app;
}

function current(): HttpApp {
  if (!app) throw new Error('no app built');
  return app;
}

const get = (url: string, key?: string) =>
  current().inject({ method: 'GET', url, headers: key === undefined ? {} : { authorization: `Bearer ${key}` } });

describe('auth plugin', () => {
  it('answers 401 problem+json with a Bearer challenge without a key', async () => {
    await buildApp();
    const response = await get('/v1/things');
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(response.json()).toMatchObject({ code: 'AUTH_MISSING_KEY', status: 401 });
  });

  it('answers 401 for an unknown key and for a header that is not Bearer', async () => {
    await buildApp();
    const unknown = await get('/v1/things', 'nope');
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json()).toMatchObject({ code: 'AUTH_INVALID_KEY' });
    expect(unknown.headers['www-authenticate']).toContain('invalid_token');
    const basic = await current().inject({ method: 'GET', url: '/v1/things', headers: { authorization: 'Basic abc' } });
    expect(basic.statusCode).toBe(401);
  });

  it('answers 403 naming the missing scope, and lets the scope or admin in with the caller set', async () => {
    await buildApp();
    const forbidden = await get('/v1/things', 'empty-key');
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json()).toMatchObject({ code: 'AUTH_MISSING_SCOPE' });
    expect(forbidden.json<{ detail: string }>().detail).toContain('"read"');
    expect((await get('/v1/things', 'reader-key')).json()).toEqual({ owner: 'rita' });
    expect((await get('/v1/things', 'admin-key')).json()).toEqual({ owner: 'ada' });
  });

  it('answers 503 with Retry-After when the verifier cannot tell', async () => {
    await buildApp({ verifier: { verify: () => Promise.reject(new Error('feature-store down')) } });
    const response = await get('/v1/things', 'reader-key');
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('5');
    expect(response.json()).toMatchObject({ code: 'AUTH_UNAVAILABLE' });
  });

  it('keeps /healthz open and /metrics and the docs open or keyed as configured', async () => {
    await buildApp({ opsOpen: true });
    expect((await get('/healthz')).statusCode).toBe(200);
    expect((await get('/metrics')).statusCode).toBe(200);
    expect((await get('/openapi.json')).statusCode).toBe(200);
    await current().close();
    app = undefined;
    await buildApp({ opsOpen: false });
    expect((await get('/healthz')).statusCode).toBe(200);
    expect((await get('/metrics')).statusCode).toBe(401);
    expect((await get('/openapi.json')).statusCode).toBe(401);
    expect((await get('/docs')).statusCode).toBe(401);
    expect((await get('/metrics', 'empty-key')).statusCode).toBe(200);
  });

  it('documents the bearer scheme and the auth answers in OpenAPI', async () => {
    await buildApp();
    const doc = (await get('/openapi.json')).json<{
      components: { securitySchemes: Record<string, unknown> };
      paths: Record<string, { get: { security: unknown; responses: Record<string, unknown> } }>;
    }>();
    expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.paths['/v1/things']?.get.security).toEqual([{ apiKey: [] }]);
    expect(Object.keys(doc.paths['/v1/things']?.get.responses ?? {})).toEqual(expect.arrayContaining(['401', '403']));
  });

  it('refuses to register a route without a descriptor, a public descriptor, or a descriptor without scope', async () => {
    await buildApp();
    expect(() => current().get('/v1/raw', () => 'x')).toThrow(/no route descriptor/);
    expect(() => registerRoute(current(), route('public', '/v1/open'), () => ({ owner: 'x' }))).toThrow(/public/);
    const { scope: _scope, ...unscoped } = route('read', '/v1/unscoped');
    expect(() => registerRoute(current(), unscoped as never, (() => ({ owner: 'x' })) as never)).toThrow(
      /declares no scope/,
    );
  });
});
