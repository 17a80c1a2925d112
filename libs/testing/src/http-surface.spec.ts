import { defineRoute } from '@mlops/contracts';
import { createHttpApp, registerRoute, type HttpApp } from '@mlops/http';
import { createLogger } from '@mlops/logger';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkHttpSurface } from './http-surface.js';

const routes = {
  get: defineRoute({
    service: 'probe',
    method: 'GET',
    path: '/v1/things/:id',
    tags: ['things'],
    scope: 'read',
    summary: 'Get a thing',
    params: z.object({ id: z.string() }),
    responses: { 200: z.object({ id: z.string() }) },
    errors: [404],
  }),
  upload: defineRoute({
    service: 'probe',
    method: 'POST',
    path: '/v1/things',
    tags: ['things'],
    scope: 'ingest',
    summary: 'Upload a thing',
    upload: { field: 'file', description: 'the thing' },
    responses: { 201: z.object({ id: z.string() }) },
    errors: [400],
  }),
};

describe('checkHttpSurface with route descriptors', () => {
  let app: HttpApp | undefined;

  afterEach(async () => {
    await app?.close();
  });

  async function probeApp(register: (app: HttpApp) => void): Promise<HttpApp> {
    const created = await createHttpApp({
      service: 'probe',
      version: '0.0.0',
      description: 'probe',
      logger: createLogger({ service: 'probe', level: 'silent' }),
      bodyLimitBytes: 1024,
    });
    register(created);
    app = created;
    return created;
  }

  it('holds when every described route is served, uploads with a multipart body', async () => {
    const served = await probeApp((instance) => {
      registerRoute(instance, routes.get, (request) => ({ id: request.params.id }));
      registerRoute(instance, routes.upload, (_request, reply) => reply.code(201).send({ id: 'x' }));
    });
    expect(await checkHttpSurface(served, routes)).toEqual([]);
  });

  it('names a described route that is not served and a served route no descriptor describes', async () => {
    const served = await probeApp((instance) => {
      registerRoute(instance, routes.get, (request) => ({ id: request.params.id }));
      instance.get('/v1/undescribed', () => ({ ok: true }));
    });
    expect(await checkHttpSurface(served, routes)).toEqual([
      { endpoint: 'POST /v1/things', problem: 'is described by a route descriptor but missing from /openapi.json' },
      { endpoint: 'GET /v1/undescribed', problem: 'is served but not described by a route descriptor' },
    ]);
  });
});
