import { Writable } from 'node:stream';
import { createLogger } from '@mlops/logger';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createHttpApp, type HttpApp } from './create-app.js';
import { defineError } from './errors/app-error.js';
import type { ReadinessCheck } from './plugins/health.plugin.js';

const silent = createLogger({ service: 'test', level: 'silent' });
const teapot = defineError('TEST_TEAPOT', 418, 'I am a teapot');

async function buildTestApp(checks: ReadinessCheck[] = [], logger = silent): Promise<HttpApp> {
  const app = await createHttpApp({
    service: 'test',
    version: '1.2.3',
    description: 'test app',
    logger,
    bodyLimitBytes: 1024,
    readinessChecks: checks,
  });
  app.post(
    '/items/:id',
    {
      schema: {
        params: z.object({ id: z.uuid() }),
        querystring: z.object({ limit: z.coerce.number().int().max(10).optional() }),
        body: z.strictObject({ name: z.string().min(1), tags: z.array(z.string()).max(2).optional() }),
        response: { 200: z.object({ id: z.string(), name: z.string() }) },
      },
    },
    (request) => ({ id: request.params.id, name: request.body.name }),
  );
  app.get('/teapot', () => {
    throw teapot('short and stout');
  });
  app.get('/boom', () => {
    throw new Error('database password is hunter2');
  });
  return app;
}

/** A logger at info whose lines are kept in `lines`. */
function capturedLogger() {
  const lines: string[] = [];
  const logger = createLogger({
    service: 'test',
    level: 'info',
    destination: new Writable({
      write(chunk: Buffer, _encoding, callback) {
        lines.push(chunk.toString());
        callback();
      },
    }),
  });
  return { lines, logger };
}

const id = '3f1c1b4e-4a4a-4c4c-8d8d-1a2b3c4d5e6f';
let app: HttpApp | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('createHttpApp: problem+json', () => {
  it('validates body, params and query, naming each field by a JSON pointer', async () => {
    app = await buildTestApp();
    const response = await app.inject({
      method: 'POST',
      url: '/items/nope?limit=50',
      payload: { name: '', extra: true, tags: ['a', 'b', 'c'] },
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = response.json<{ errors: { pointer: string }[]; code: string; instance: string; type: string }>();
    expect(problem.code).toBe('HTTP_VALIDATION_FAILED');
    expect(problem.instance).toBe('/items/nope?limit=50');
    expect(problem.type).toBe('https://mlops.local/problems/http-validation-failed');
    expect(problem.errors.map((e) => e.pointer)).toEqual(['/params/id']);

    const bodyProblem = await app.inject({ method: 'POST', url: `/items/${id}`, payload: { name: '', extra: true } });
    expect(
      bodyProblem
        .json<{ errors: { pointer: string }[] }>()
        .errors.map((e) => e.pointer)
        .sort(),
    ).toEqual(['/body/extra', '/body/name']);

    const queryProblem = await app.inject({ method: 'POST', url: `/items/${id}?limit=50`, payload: { name: 'x' } });
    expect(queryProblem.json<{ errors: { pointer: string }[] }>().errors[0]?.pointer).toBe('/querystring/limit');
  });

  it('answers a valid request', async () => {
    app = await buildTestApp();
    const response = await app.inject({ method: 'POST', url: `/items/${id}`, payload: { name: 'x' } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ id, name: 'x' });
  });

  it('maps malformed JSON to 400, an unknown media type to 415, an oversized body to 413 and unknown routes to 404', async () => {
    app = await buildTestApp();
    const malformed = await app.inject({
      method: 'POST',
      url: `/items/${id}`,
      payload: '{"name":',
      headers: { 'content-type': 'application/json' },
    });
    expect([malformed.statusCode, malformed.json<{ code: string }>().code]).toEqual([400, 'HTTP_MALFORMED_BODY']);
    expect(malformed.json<{ detail: string }>().detail).toMatch(/^the body is not valid JSON: .*JSON/);
    const poisoned = await app.inject({
      method: 'POST',
      url: `/items/${id}`,
      payload: '{"name":"x","__proto__":{"admin":true}}',
      headers: { 'content-type': 'application/json' },
    });
    expect(poisoned.statusCode).toBe(400);
    expect(poisoned.json<{ detail: string }>().detail).toContain('prototype poisoning');
    const media = await app.inject({
      method: 'POST',
      url: `/items/${id}`,
      payload: '<x/>',
      headers: { 'content-type': 'application/xml' },
    });
    expect([media.statusCode, media.json<{ code: string }>().code]).toEqual([415, 'HTTP_UNSUPPORTED_MEDIA_TYPE']);
    expect(media.json<{ detail: string }>().detail).toBe(
      'content-type application/xml is not read here; send application/json',
    );
    const large = await app.inject({ method: 'POST', url: `/items/${id}`, payload: { name: 'x'.repeat(2000) } });
    expect([large.statusCode, large.json<{ code: string }>().code]).toEqual([413, 'HTTP_PAYLOAD_TOO_LARGE']);
    const missing = await app.inject({ method: 'DELETE', url: '/nothing/here' });
    expect([missing.statusCode, missing.json<{ code: string }>().code]).toEqual([404, 'HTTP_NOT_FOUND']);
  });

  it('renders registered errors with their status and code, and hides internals of 500s', async () => {
    app = await buildTestApp();
    const teapotResponse = await app.inject({ method: 'GET', url: '/teapot' });
    expect(teapotResponse.statusCode).toBe(418);
    expect(teapotResponse.json()).toMatchObject({
      code: 'TEST_TEAPOT',
      title: 'I am a teapot',
      detail: 'short and stout',
    });
    const boom = await app.inject({ method: 'GET', url: '/boom' });
    expect(boom.statusCode).toBe(500);
    expect(boom.body).not.toContain('hunter2');
    expect(boom.json()).toMatchObject({ code: 'HTTP_INTERNAL', status: 500 });
  });
});

describe('createHttpApp: request ids', () => {
  it('echoes a sane incoming x-request-id, replaces an insane one, logs with it, and keeps probes out of the log', async () => {
    const { lines, logger } = capturedLogger();
    app = await buildTestApp([], logger);
    const kept = await app.inject({ method: 'GET', url: '/teapot', headers: { 'x-request-id': 'abc-123' } });
    expect(kept.headers['x-request-id']).toBe('abc-123');
    expect(lines.join('')).toContain('"requestId":"abc-123"');
    const before = lines.length;
    await app.inject({ method: 'GET', url: '/healthz?probe=1' });
    await app.inject({ method: 'GET', url: '/readyz' });
    expect(lines.length).toBe(before);
    const replaced = await app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'bad id\n' } });
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('logs one line per request, with the request, its status and its time', async () => {
    const { lines, logger } = capturedLogger();
    app = await buildTestApp([], logger);
    await app.inject({
      method: 'POST',
      url: `/items/${id}`,
      payload: { name: 'x' },
      headers: { 'x-request-id': 'one-1' },
    });
    const logged = lines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((l) => l.requestId === 'one-1');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      msg: 'request completed',
      req: { method: 'POST', url: `/items/${id}` },
      res: { statusCode: 200 },
      responseTime: expect.any(Number) as number,
    });
  });
});

describe('createHttpApp: health, readiness, metrics, docs', () => {
  it('reports liveness with service and version', async () => {
    app = await buildTestApp();
    const response = await app.inject({ method: 'GET', url: '/healthz' });
    expect(response.json()).toMatchObject({ status: 'ok', service: 'test', version: '1.2.3' });
  });

  it('is ready only when every check passes, and says which one failed', async () => {
    app = await buildTestApp([
      { name: 'good', check: () => Promise.resolve() },
      { name: 'bad', check: () => Promise.reject(new Error('connection refused')) },
    ]);
    const response = await app.inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({
      status: 'not_ready',
      checks: { good: { status: 'up' }, bad: { status: 'down', detail: 'connection refused' } },
    });
  });

  it('counts a check that hangs as down', async () => {
    app = await buildTestApp([{ name: 'slow', check: () => new Promise<void>(() => undefined) }]);
    const started = Date.now();
    const response = await app.inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(503);
    expect(response.json<{ checks: Record<string, { detail?: string }> }>().checks.slow?.detail).toMatch(/no answer/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('exposes request durations per route template', async () => {
    app = await buildTestApp();
    await app.inject({ method: 'POST', url: `/items/${id}`, payload: { name: 'x' } });
    const metrics = await app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.headers['content-type']).toMatch(/^text\/plain/);
    expect(metrics.body).toMatch(
      /http_request_duration_seconds_count\{[^}]*route="\/items\/:id"[^}]*status_code="200"/,
    );
    expect(metrics.body).toContain('process_cpu_user_seconds_total');
  });

  it('serves OpenAPI 3 generated from the zod schemas', async () => {
    app = await buildTestApp();
    const openapi = (await app.inject({ method: 'GET', url: '/openapi.json' })).json<{
      openapi: string;
      paths: Record<string, unknown>;
    }>();
    expect(openapi.openapi).toBe('3.0.3');
    expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(['/items/{id}', '/healthz', '/readyz']));
    expect((await app.inject({ method: 'GET', url: '/docs/' })).statusCode).toBe(200);
  });
});

describe('defineError', () => {
  it('rejects codes that are not <AREA>_<WHAT> and codes reused with another meaning', () => {
    expect(() => defineError('lowercase', 400, 'x')).toThrow(/AREA/);
    expect(() => defineError('TEST_TEAPOT', 400, 'Something else')).toThrow(/already registered/);
    expect(defineError('TEST_TEAPOT', 418, 'I am a teapot').code).toBe('TEST_TEAPOT');
  });
});
