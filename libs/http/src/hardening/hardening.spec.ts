import { Writable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { createLogger } from '@mlops/logger';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createHttpApp, type HttpApp } from '../create-app.js';
import { DEFAULT_HARDENING, type HardeningOptions } from './hardening-options.js';

const silent = createLogger({ service: 'test', level: 'silent' });
const KEY_A = `mlk_aaaaaaaa_${'a'.repeat(43)}`;
const KEY_B = `mlk_bbbbbbbb_${'b'.repeat(43)}`;

let app: HttpApp | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function build(hardening: Partial<HardeningOptions> = {}): Promise<HttpApp> {
  app = await createHttpApp({
    service: 'test',
    version: '1.0.0',
    description: 'hardening test',
    logger: silent,
    bodyLimitBytes: 1024 * 1024,
    hardening: { ...DEFAULT_HARDENING, ...hardening },
  });
  app.post('/echo', { schema: { body: z.object({ text: z.string() }) } }, (request) => ({
    length: request.body.text.length,
  }));
  app.get('/ping', () => ({ ok: true }));
  return app;
}

describe('timeouts', () => {
  it('puts request, connection, keep-alive and headers deadlines on the server', async () => {
    const server = (
      await build({ timeouts: { requestMs: 11_000, connectionMs: 12_000, keepAliveMs: 13_000, headersMs: 9000 } })
    ).server;
    expect(server.requestTimeout).toBe(11_000);
    expect(server.timeout).toBe(12_000);
    expect(server.keepAliveTimeout).toBe(13_000);
    expect(server.headersTimeout).toBe(9000);
  });

  it('has finite defaults when the builder passes none', async () => {
    app = await createHttpApp({ service: 't', version: '1', description: 'd', logger: silent, bodyLimitBytes: 10 });
    expect(app.server.requestTimeout).toBeGreaterThan(0);
    expect(app.server.headersTimeout).toBeLessThanOrEqual(app.server.requestTimeout);
    expect(app.server.timeout).toBeGreaterThan(0);
  });
});

describe('security headers', () => {
  it('sends nosniff, a deny-all CSP and no framing on API answers', async () => {
    const response = await (await build()).inject({ method: 'GET', url: '/ping' });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.headers['x-frame-options']).toBe('DENY');
  });

  it('keeps /docs rendering: its page may load its own scripts and styles, and every asset it names is served', async () => {
    const built = await build();
    const page = await built.inject({ method: 'GET', url: '/docs/' });
    expect(page.statusCode).toBe(200);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).toMatch(/style-src 'self'/);
    expect(csp).not.toContain('upgrade-insecure-requests');
    const assets = [...page.body.matchAll(/(?:src|href)="\.\/([^"]+)"/g)].map((m) => m[1]);
    expect(assets.length).toBeGreaterThan(3);
    for (const asset of assets) {
      const response = await built.inject({ method: 'GET', url: `/docs/${asset}` });
      expect(response.statusCode, asset).toBe(200);
    }
    const initializer = await built.inject({ method: 'GET', url: '/docs/static/swagger-initializer.js' });
    const specUrl = /url: ['"]([^'"]+)['"]/.exec(initializer.body)?.[1] ?? './json';
    expect((await built.inject({ method: 'GET', url: `/docs/${specUrl.replace(/^\.\//, '')}` })).statusCode).toBe(200);
  });
});

describe('rate limit', () => {
  it('counts per API key prefix, else per address; past the limit 429 problem+json with Retry-After', async () => {
    const built = await build({ rateLimit: { max: 2, windowMs: 60_000 } });
    const get = (authorization?: string) =>
      built.inject({ method: 'GET', url: '/ping', headers: authorization ? { authorization } : {} });
    expect((await get(`Bearer ${KEY_A}`)).statusCode).toBe(200);
    expect((await get(`Bearer ${KEY_A}`)).statusCode).toBe(200);
    const limited = await get(`Bearer ${KEY_A}`);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json()).toMatchObject({ status: 429, code: 'HTTP_RATE_LIMITED' });
    expect((await get(`Bearer ${KEY_B}`)).statusCode).toBe(200);
    expect((await get()).statusCode).toBe(200);
    expect((await get()).statusCode).toBe(200);
    expect((await get()).statusCode).toBe(429);
  });

  it('runs before route-level hooks (where keys are checked), so a flood of bad keys never reaches a key lookup', async () => {
    const built = await build({ rateLimit: { max: 2, windowMs: 60_000 } });
    let lookups = 0;
    built.get(
      '/guarded',
      {
        onRequest: (_request, reply, done) => {
          lookups += 1;
          void reply.code(401);
          done(new Error('unknown key'));
        },
      },
      () => ({ ok: true }),
    );
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const response = await built.inject({
        method: 'GET',
        url: '/guarded',
        headers: { authorization: `Bearer mlk_cccccccc_${String(i).repeat(43)}` },
      });
      statuses.push(response.statusCode);
    }
    expect(statuses.slice(2)).toEqual([429, 429, 429]);
    expect(lookups).toBe(2);
  });

  it('never limits the probes, and is off with max 0', async () => {
    const built = await build({ rateLimit: { max: 1, windowMs: 60_000 } });
    for (let i = 0; i < 3; i += 1)
      expect((await built.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    await built.close();
    const open = await build({ rateLimit: { max: 0, windowMs: 60_000 } });
    for (let i = 0; i < 5; i += 1) expect((await open.inject({ method: 'GET', url: '/ping' })).statusCode).toBe(200);
  });
});

describe('CORS', () => {
  it('is off by default: no Access-Control headers for any origin', async () => {
    const response = await (
      await build()
    ).inject({
      method: 'GET',
      url: '/ping',
      headers: { origin: 'https://dash.example' },
    });
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('allows the listed origins only, including preflights', async () => {
    const built = await build({ corsOrigins: ['https://dash.example'] });
    const allowed = await built.inject({
      method: 'OPTIONS',
      url: '/echo',
      headers: {
        origin: 'https://dash.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(allowed.statusCode).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://dash.example');
    expect(String(allowed.headers['access-control-allow-headers'])).toContain('authorization');
    const other = await built.inject({ method: 'GET', url: '/ping', headers: { origin: 'https://evil.example' } });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('Host check on loopback', () => {
  it('answers 421 problem+json to a rebound Host, accepts loopback names and ALLOWED_HOSTS', async () => {
    const built = await build({ loopbackOnly: true, allowedHosts: ['mlops.internal:8080'] });
    const withHost = (host: string) => built.inject({ method: 'GET', url: '/ping', headers: { host } });
    for (const host of ['localhost:4001', '127.0.0.1:4001', '[::1]:4001', 'LOCALHOST', 'mlops.internal']) {
      expect((await withHost(host)).statusCode, host).toBe(200);
    }
    const rebound = await withHost('attacker.example:4001');
    expect(rebound.statusCode).toBe(421);
    expect(rebound.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(rebound.json()).toMatchObject({ code: 'HTTP_MISDIRECTED_REQUEST' });
  });

  it('does not check Host when the server listens beyond loopback', async () => {
    const response = await (
      await build({ loopbackOnly: false })
    ).inject({ method: 'GET', url: '/ping', headers: { host: 'feature-store:4001' } });
    expect(response.statusCode).toBe(200);
  });
});

describe('a dependency that cannot take the request now', () => {
  it('answers 503 problem+json with Retry-After (the broker blocking publishers, a confirm deadline)', async () => {
    const built = await build();
    class BrokerUnavailableError extends Error {
      readonly retryAfterSeconds = 10;
    }
    built.post('/publish', () => {
      throw new BrokerUnavailableError('RabbitMQ blocks publishers (low on memory)');
    });
    const response = await built.inject({ method: 'POST', url: '/publish' });
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('10');
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ code: 'HTTP_SERVICE_UNAVAILABLE', status: 503 });
    expect(response.json<{ detail: string }>().detail).toContain('blocks publishers');
  });
});

describe('request logs', () => {
  it('carry no key, token or URL password, from the request line to the error stack, and stay JSON', async () => {
    const lines: string[] = [];
    const logger = createLogger({
      service: 'test',
      destination: new Writable({
        write(chunk: Buffer, _encoding, callback) {
          lines.push(chunk.toString());
          callback();
        },
      }),
    });
    app = await createHttpApp({ service: 't', version: '1', description: 'd', logger, bodyLimitBytes: 100 });
    app.get('/fails', () => {
      throw new Error(`cannot reach mongodb://svc:hunter2@db/x for ${KEY_A}`);
    });
    await app.inject({
      method: 'GET',
      url: `/fails?apiKey=${KEY_B}&token=tok123&keep=1`,
      headers: { authorization: `Bearer ${KEY_A}` },
    });
    const text = lines.join('');
    for (const secret of [KEY_A.slice(13), KEY_B.slice(13), 'tok123', 'hunter2']) expect(text).not.toContain(secret);
    expect(text).toContain('keep=1');
    for (const line of lines) expect(() => JSON.parse(line) as unknown).not.toThrow();
  });
});

describe('compressed bodies', () => {
  it('refuses a gzip bomb with 415 without inflating it', async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(128 * 1024);
    const before = process.memoryUsage().arrayBuffers;
    const response = await (
      await build()
    ).inject({
      method: 'POST',
      url: '/echo',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      payload: bomb,
    });
    expect(response.statusCode).toBe(415);
    expect(response.json()).toMatchObject({ code: 'HTTP_UNSUPPORTED_CONTENT_ENCODING' });
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(32 * 1024 * 1024);
  });

  it('accepts identity', async () => {
    const response = await (
      await build()
    ).inject({
      method: 'POST',
      url: '/echo',
      headers: { 'content-type': 'application/json', 'content-encoding': 'identity' },
      payload: { text: 'abc' },
    });
    expect(response.json()).toEqual({ length: 3 });
  });
});
