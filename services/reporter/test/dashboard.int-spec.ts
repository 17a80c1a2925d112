import { createServer as createHttpServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createServer } from 'node:net';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { dashboardAssetsDir } from '@mlops/dashboard';
import type { HttpApp } from '@mlops/http';
import { createTestEnvironment, TEST_KEYS, testKeyFor, testKeyVerifier, type TestEnvironment } from '@mlops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadReporterConfig } from '../src/config.js';

/*
 * The dashboard on the real reporter (MongoDB, RabbitMQ, a listening server): the built pages at
 * `/` and at every page URL, sign-in as a backend-for-frontend (the key in an HttpOnly cookie),
 * and the proxy to the services: the reporter itself, and a service that does not answer.
 */

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

let environment: TestEnvironment;
let app: HttpApp;
let base: string;
let echo: Server;
let seen: { method: string; url: string; headers: IncomingHttpHeaders; bytes: number } | undefined;

/** A service stand-in that records what reached it and answers a problem+json 409 with the body's size. */
function startEcho(port: number): Promise<Server> {
  const server = createHttpServer((request, response) => {
    let bytes = 0;
    request.on('data', (chunk: Buffer) => (bytes += chunk.length));
    request.on('end', () => {
      seen = { method: request.method ?? '', url: request.url ?? '', headers: request.headers, bytes };
      response.writeHead(409, { 'content-type': 'application/problem+json', etag: '"e1"' });
      response.end(
        JSON.stringify({
          type: 'about:blank',
          title: 'Conflict',
          status: 409,
          code: 'ECHO',
          detail: `got ${bytes} bytes`,
        }),
      );
    });
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

beforeAll(async () => {
  environment = await createTestEnvironment('reporter dashboard');
  const [port, closed, echoPort] = [await freePort(), await freePort(), await freePort()];
  echo = await startEcho(echoPort);
  app = await buildApp(
    loadReporterConfig({
      ...environment.env,
      PORT: String(port),
      REGISTRY_URL: `http://127.0.0.1:${closed}`,
      INFERENCE_URL: `http://127.0.0.1:${closed}`,
      NLP_URL: `http://127.0.0.1:${echoPort}`,
    }),
    { keyVerifier: testKeyVerifier },
  );
  await app.listen({ port, host: '127.0.0.1' });
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  await new Promise((resolve) => echo.close(resolve));
  await app.close();
  await environment.dispose();
});

async function signedIn(key: string = TEST_KEYS.admin): Promise<string> {
  const response = await fetch(`${base}/ui/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ key }),
  });
  expect(response.status).toBe(200);
  return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

describe('the dashboard served by the reporter', () => {
  it('serves index.html at / and at page URLs (with its own CSP), the hashed assets, and keeps API 404s problem+json', async () => {
    const index = await readFile(join(dashboardAssetsDir, 'index.html'), 'utf8');
    const root = await fetch(`${base}/`);
    expect(root.status).toBe(200);
    expect(await root.text()).toBe(index);
    expect(root.headers.get('content-security-policy')).toContain("script-src 'self'");
    const page = await fetch(`${base}/models/spam/compare/1/2`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toBe(index);
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(index)?.[1] ?? '';
    const asset = await fetch(`${base}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toContain('javascript');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    const api = await fetch(`${base}/v1/nothing-here`, { headers: { accept: 'text/html' } });
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/problem+json');
    const plain = await fetch(`${base}/models`);
    expect(plain.status).toBe(404);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it('signs in with a valid key into an HttpOnly, SameSite=Strict cookie under /ui, and says who and which scopes', async () => {
    const key = testKeyFor('dana', ['read', 'label']);
    const response = await fetch(`${base}/ui/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ key }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ owner: 'dana', scopes: ['read', 'label'] });
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\/ui/);
    expect(cookie).not.toMatch(/Secure/i);
    const session = await fetch(`${base}/ui/session`, { headers: { cookie: cookie.split(';')[0] ?? '' } });
    expect(await session.json()).toMatchObject({ owner: 'dana', scopes: ['read', 'label'] });
  });

  it('refuses a malformed key (400 naming the field) and an unknown one (401 with the reason), and no session without sign-in', async () => {
    const malformed = await fetch(`${base}/ui/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ key: 'not-a-key' }),
    });
    expect(malformed.status).toBe(400);
    expect(JSON.stringify(await malformed.json())).toContain('/body/key');
    const unknown = await fetch(`${base}/ui/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ key: `mlk_unknown0_${'x'.repeat(43)}` }),
    });
    expect(unknown.status).toBe(401);
    const refused = (await unknown.json()) as { code: string; detail: string };
    expect(refused.code).toBe('UI_KEY_REFUSED');
    expect(refused.detail).toContain('revoked');
    expect((await fetch(`${base}/ui/session`)).status).toBe(401);
  });

  it('proxies to a service with the session key, passing problem+json through; 401 without a session', async () => {
    const cookie = await signedIn();
    const report = await fetch(`${base}/ui/api/reporter/v1/reports/no-model/1`, { headers: { cookie } });
    expect(report.headers.get('content-type')).toContain('application/problem+json');
    expect(report.status).toBeGreaterThanOrEqual(400);
    expect(((await report.json()) as { code: string }).code).toMatch(/^REPORTER_/);
    const anonymous = await fetch(`${base}/ui/api/reporter/v1/reports/no-model/1`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ code: 'UI_NOT_SIGNED_IN' });
    const outsideV1 = await fetch(`${base}/ui/api/reporter/metrics`, { headers: { cookie } });
    expect(outsideV1.status).toBe(404);
  });

  it('streams a request body to the service with the bearer key (never the cookie) and passes the answer back as is', async () => {
    const key = testKeyFor('pat', ['ingest']);
    const cookie = await signedIn(key);
    const body = JSON.stringify({ text: 'x'.repeat(2_000_000) });
    const response = await fetch(`${base}/ui/api/nlp/v1/tokenize?lang=en`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', 'x-mlops-ui': '1', 'x-request-id': 'req-dash-1' },
      body,
    });
    expect(response.status).toBe(409);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.headers.get('etag')).toBe('"e1"');
    expect(((await response.json()) as { detail: string }).detail).toBe(`got ${body.length} bytes`);
    expect(seen).toMatchObject({ method: 'POST', url: '/v1/tokenize?lang=en', bytes: body.length });
    expect(seen?.headers.authorization).toBe(`Bearer ${key}`);
    expect(seen?.headers.cookie).toBeUndefined();
    expect(seen?.headers['content-type']).toBe('application/json');
  });

  it('forwards a DELETE without a body (no content-length) to the service, not a 503', async () => {
    const cookie = await signedIn(testKeyFor('pat', ['label']));
    const response = await fetch(`${base}/ui/api/nlp/v1/documents/d1/labels/topic?expectedRevision=1`, {
      method: 'DELETE',
      headers: { cookie, 'x-mlops-ui': '1' },
    });
    expect(response.status).toBe(409);
    expect(seen).toMatchObject({ method: 'DELETE', url: '/v1/documents/d1/labels/topic?expectedRevision=1', bytes: 0 });
  });

  it('requires the x-mlops-ui header on calls that change data (CSRF)', async () => {
    const cookie = await signedIn();
    const url = `${base}/ui/api/reporter/v1/reports/no-model/1:regenerate`;
    const without = await fetch(url, { method: 'POST', headers: { cookie } });
    expect(without.status).toBe(403);
    expect(await without.json()).toMatchObject({ code: 'UI_HEADER_REQUIRED' });
    const withHeader = await fetch(url, { method: 'POST', headers: { cookie, 'x-mlops-ui': '1' } });
    expect(withHeader.status).not.toBe(403);
  });

  it('answers 503 problem+json naming a service that does not answer', async () => {
    const cookie = await signedIn();
    const response = await fetch(`${base}/ui/api/inference/v1/models`, { headers: { cookie } });
    expect(response.status).toBe(503);
    const problem = (await response.json()) as { code: string; detail: string };
    expect(problem.code).toBe('UI_SERVICE_UNAVAILABLE');
    expect(problem.detail).toContain('inference');
  });

  it('signs out: the cookie is cleared', async () => {
    const cookie = await signedIn();
    const response = await fetch(`${base}/ui/session`, { method: 'DELETE', headers: { cookie } });
    expect(response.status).toBe(204);
    expect(response.headers.get('set-cookie') ?? '').toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i);
  });
});
