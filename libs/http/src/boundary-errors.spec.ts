import { defineRoute } from '@mlops/contracts';
import { createLogger } from '@mlops/logger';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createHttpApp, type HttpApp } from './create-app.js';
import { registerRoute } from './register-route.js';

const upload = defineRoute({
  service: 'test',
  method: 'POST',
  path: '/uploads/:name',
  tags: ['test'],
  scope: 'public',
  summary: 'an upload',
  params: z.object({ name: z.string() }),
  upload: { field: 'file', description: 'a file' },
  responses: { 200: z.object({ ok: z.boolean() }) },
  errors: [400],
});

let app: HttpApp | undefined;

async function buildApp(): Promise<HttpApp> {
  app = await createHttpApp({
    service: 'test',
    version: '1.0.0',
    description: 'test',
    logger: createLogger({ service: 'test', level: 'silent' }),
    bodyLimitBytes: 1024,
  });
  app.addContentTypeParser('multipart/form-data', (_request, payload, done) => {
    payload.resume();
    done(null, undefined);
  });
  registerRoute(app, upload, () => Promise.resolve({ ok: true }));
  return app;
}

afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('requests refused at the boundary, as problem+json naming the part', () => {
  it('a multipart body without a boundary is a 400 naming the content-type header', async () => {
    const response = await (
      await buildApp()
    ).inject({
      method: 'POST',
      url: '/uploads/a',
      headers: { 'content-type': 'multipart/form-data' },
      payload: '--x\r\n',
    });

    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ errors: [{ pointer: '/headers/content-type' }] });
  });

  it('a multipart body with a boundary reaches the handler', async () => {
    const response = await (
      await buildApp()
    ).inject({
      method: 'POST',
      url: '/uploads/a',
      headers: { 'content-type': 'multipart/form-data; boundary="abc"' },
      payload: '--abc--\r\n',
    });

    expect(response.statusCode).toBe(200);
  });

  it('a path parameter longer than the router allows is a 400 naming the params, not a bare 414', async () => {
    const response = await (await buildApp()).inject({ method: 'POST', url: `/uploads/${'n'.repeat(500)}` });

    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ code: 'HTTP_VALIDATION_FAILED', errors: [{ pointer: '/params' }] });
  });

  it('an undecodable URL is a 400 problem', async () => {
    const response = await (await buildApp()).inject({ method: 'POST', url: '/uploads/%E0%A4%A' });

    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ errors: [{ pointer: '/params' }] });
  });
});
