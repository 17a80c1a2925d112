import { defineRoute } from '@mlops/contracts';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { localUpstreams, sendJson, sendProblem, type UpstreamHandler } from '@mlops/testing';
import { upstreamFailureOf } from '../test/outcome.js';
import type { ClientOptions } from './call-types.js';
import { callRoute } from './route-call.js';
import { createServiceClient } from './service-client.js';

const service = 'model-shop';
const modelSchema = z.object({ name: z.string(), createdAt: z.coerce.date() });
const modelParams = z.object({ name: z.string() });

const shopRoutes = {
  models: {
    get: defineRoute({
      service,
      method: 'GET',
      path: '/v1/models/:name',
      tags: ['models'],
      scope: 'read',
      summary: 'Get a model',
      params: modelParams,
      query: z.object({ fields: z.array(z.string()).optional(), deleted: z.boolean().optional() }),
      responses: { 200: modelSchema },
      errors: [404],
    }),
    create: defineRoute({
      service,
      method: 'POST',
      path: '/v1/models',
      tags: ['models'],
      scope: 'admin',
      summary: 'Create a model',
      body: z.object({ name: z.string() }),
      responses: { 201: modelSchema },
      errors: [400, 409],
    }),
  },
  jobs: {
    cancel: defineRoute({
      service,
      method: 'POST',
      path: '/v1/jobs/:id::cancel',
      tags: ['jobs'],
      scope: 'train',
      summary: 'Cancel a job',
      params: z.object({ id: z.string() }),
      responses: { 202: z.object({ status: z.literal('cancelling') }), 204: z.undefined() },
      errors: [404],
      timeoutCodes: ['JOB_CANCEL_TIMEOUT'],
    }),
  },
  health: defineRoute({
    service,
    method: 'GET',
    path: '/health',
    tags: ['health'],
    scope: 'public',
    summary: 'Liveness',
    responses: { 200: z.object({ status: z.literal('ok') }) },
    errors: [],
  }),
};

const MODEL = { name: 'topics', createdAt: '2024-05-01T10:00:00.000Z' };

describe('createServiceClient', () => {
  const upstream = localUpstreams();

  async function shop(handler: UpstreamHandler, options: Omit<ClientOptions, 'baseUrl'> = {}) {
    const { baseUrl, received } = await upstream(handler);
    return { client: createServiceClient(shopRoutes, { baseUrl: `${baseUrl}//`, ...options }), received };
  }

  describe('requests', () => {
    it('builds the URL from the path template and the query (base URL slashes trimmed), and parses the answer by its schema', async () => {
      const { client, received } = await shop((_request, response) => sendJson(response, 200, MODEL));
      const model = await client.models.get({
        params: { name: 'my model' },
        query: { fields: ['a', 'b'], deleted: false },
      });
      expect(model).toEqual({ name: 'topics', createdAt: new Date(MODEL.createdAt) });
      expect(received.map(({ method, url }) => `${method} ${url}`)).toEqual([
        'GET /v1/models/my%20model?fields=a&fields=b&deleted=false',
      ]);
    });

    it('sends a JSON body with its content type', async () => {
      const { client, received } = await shop((_request, response) => sendJson(response, 201, MODEL));
      await client.models.create({ body: { name: 'topics' } });
      expect(received[0]?.headers['content-type']).toBe('application/json');
      expect(JSON.parse(received[0]?.body().toString() ?? '')).toEqual({ name: 'topics' });
    });

    it('calls a route of a nested group, a literal colon kept, and one without input', async () => {
      const { client, received } = await shop((request, response) => {
        if (request.url === '/health') sendJson(response, 200, { status: 'ok' });
        else sendJson(response, 202, { status: 'cancelling' });
      });
      await expect(client.jobs.cancel({ params: { id: 'job-1' } })).resolves.toEqual({ status: 'cancelling' });
      await expect(client.health()).resolves.toEqual({ status: 'ok' });
      expect(received.map(({ url }) => url)).toEqual(['/v1/jobs/job-1:cancel', '/health']);
    });

    it('sends the key as a bearer token, the request id of the context, and the user agent', async () => {
      const { client, received } = await shop((_request, response) => sendJson(response, 200, { status: 'ok' }), {
        apiKey: 'secret-key',
        requestId: () => 'req-from-context',
        userAgent: 'inference/1.2.3',
      });
      await client.health();
      expect(received[0]?.headers).toMatchObject({
        authorization: 'Bearer secret-key',
        'x-request-id': 'req-from-context',
        'user-agent': 'inference/1.2.3',
        accept: 'application/json, application/problem+json, */*',
      });
    });

    it("prefers the call's request id and adds the call's headers", async () => {
      const { client, received } = await shop((_request, response) => sendJson(response, 200, { status: 'ok' }), {
        requestId: () => 'req-from-context',
      });
      await client.health(undefined, {
        requestId: 'req-of-call',
        headers: { 'idempotency-key': 'k-1', 'x-user': 'ann' },
      });
      expect(received[0]?.headers).toMatchObject({
        'x-request-id': 'req-of-call',
        'idempotency-key': 'k-1',
        'x-user': 'ann',
      });
    });

    it('sends no key and no request id when it has none', async () => {
      const { client, received } = await shop((_request, response) => sendJson(response, 200, { status: 'ok' }), {
        requestId: () => undefined,
      });
      await client.health();
      expect(received[0]?.headers).not.toHaveProperty('authorization');
      expect(received[0]?.headers).not.toHaveProperty('x-request-id');
    });
  });

  describe('answers that break the contract', () => {
    const broken = { name: 42 };

    it('turns a body that breaks the schema into an unavailable UPSTREAM_INVALID_ANSWER, not a ZodError', async () => {
      const { client } = await shop((_request, response) => sendJson(response, 200, broken));
      const error = await upstreamFailureOf(client.models.get({ params: { name: 'topics' } }));
      expect(error).toMatchObject({ kind: 'unavailable', code: 'UPSTREAM_INVALID_ANSWER', status: 200, service });
      expect(error.detail).toContain('model-shop answered a body that breaks its contract');
      expect(error.retryable).toBe(true);
    });

    it('lets such a body through when validation is off, for the call or for the client', async () => {
      const { baseUrl } = await upstream((_request, response) => sendJson(response, 200, broken));
      const strict = createServiceClient(shopRoutes, { baseUrl });
      await expect(strict.models.get({ params: { name: 'a' } }, { validateResponse: false })).resolves.toEqual(broken);
      const lax = createServiceClient(shopRoutes, { baseUrl, validateResponses: false });
      await expect(lax.models.get({ params: { name: 'a' } })).resolves.toEqual(broken);
      const checkedCall = lax.models.get({ params: { name: 'a' } }, { validateResponse: true });
      expect(await upstreamFailureOf(checkedCall)).toMatchObject({ code: 'UPSTREAM_INVALID_ANSWER' });
    });

    it('refuses an answer that is not JSON, even without validation', async () => {
      const { client } = await shop((_request, response) => {
        response.writeHead(200, { 'content-type': 'text/html' });
        response.end('<html>');
      });
      const call = client.models.get({ params: { name: 'topics' } }, { validateResponse: false });
      expect(await upstreamFailureOf(call)).toMatchObject({
        code: 'UPSTREAM_INVALID_ANSWER',
        detail: 'model-shop answered a body that breaks its contract: not JSON',
      });
    });

    it('refuses a success status the route does not declare, unless validation is off', async () => {
      const { client } = await shop((_request, response) => sendJson(response, 202, MODEL));
      const error = await upstreamFailureOf(client.models.get({ params: { name: 'topics' } }));
      expect(error).toMatchObject({ kind: 'unavailable', code: 'UPSTREAM_INVALID_ANSWER', status: 202 });
      expect(error.detail).toContain('status 202 is not one the route answers');
      await expect(client.models.get({ params: { name: 'topics' } }, { validateResponse: false })).resolves.toEqual(
        MODEL,
      );
    });

    it('refuses an empty body where the schema expects a document', async () => {
      const { client } = await shop((_request, response) => {
        response.writeHead(200);
        response.end();
      });
      const error = await upstreamFailureOf(client.models.get({ params: { name: 'topics' } }));
      expect(error).toMatchObject({ code: 'UPSTREAM_INVALID_ANSWER', status: 200 });
    });

    it('resolves a 204 to undefined', async () => {
      const { client } = await shop((_request, response) => {
        response.writeHead(204);
        response.end();
      });
      await expect(client.jobs.cancel({ params: { id: 'job-1' } })).resolves.toBeUndefined();
    });
  });

  describe('failures answered by the upstream', () => {
    it('keeps a problem: code, detail, pointers, request id, refused', async () => {
      const errors = [{ pointer: '/body/name', message: 'Required' }];
      const { client } = await shop((_request, response) =>
        sendProblem(response, 400, 'SHOP_VALIDATION', { detail: 'name is required', errors, requestId: 'up-1' }),
      );
      const error = await upstreamFailureOf(client.models.create({ body: { name: '' } }));
      expect(error).toMatchObject({
        kind: 'refused',
        service,
        status: 400,
        code: 'SHOP_VALIDATION',
        detail: 'name is required',
        fieldErrors: errors,
        requestId: 'up-1',
        retryable: false,
      });
    });

    it('names an answer that is not a problem by the service and status', async () => {
      const { client } = await shop((_request, response) => {
        response.writeHead(503, { 'content-type': 'text/plain' });
        response.end('down for maintenance');
      });
      expect(await upstreamFailureOf(client.health())).toMatchObject({
        kind: 'unavailable',
        code: 'MODEL_SHOP_HTTP_503',
        detail: 'down for maintenance',
        status: 503,
      });
    });

    it("takes one of the route's timeout codes as a timeout", async () => {
      const { client } = await shop((_request, response) => sendProblem(response, 409, 'JOB_CANCEL_TIMEOUT'));
      expect(await upstreamFailureOf(client.jobs.cancel({ params: { id: 'job-1' } }))).toMatchObject({
        kind: 'timeout',
        code: 'JOB_CANCEL_TIMEOUT',
        status: 409,
      });
    });

    it('classifies a refusal by its status even when its body is large', async () => {
      const { client } = await shop((_request, response) => {
        response.writeHead(404, { 'content-type': 'text/html' });
        response.end(`<html>${'x'.repeat(200_000)}</html>`);
      });
      const error = await upstreamFailureOf(client.models.get({ params: { name: 'topics' } }));
      expect(error).toMatchObject({ kind: 'refused', code: 'MODEL_SHOP_HTTP_404', status: 404 });
    });
  });

  describe('maxResponseBytes on a JSON answer', () => {
    const large = { name: 'x'.repeat(5_000), createdAt: MODEL.createdAt };

    it('reads an answer within the limit', async () => {
      const { client } = await shop((_request, response) => sendJson(response, 200, MODEL));
      await expect(client.models.get({ params: { name: 'a' } }, { maxResponseBytes: 1_000 })).resolves.toMatchObject({
        name: 'topics',
      });
    });

    it('cuts an answer whose content-length is over the limit, before reading it', async () => {
      const { client } = await shop((_request, response) => {
        const text = JSON.stringify(large);
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': String(text.length) });
        response.end(text);
      });
      const error = await upstreamFailureOf(client.models.get({ params: { name: 'a' } }, { maxResponseBytes: 1_000 }));
      expect(error).toMatchObject({ kind: 'unavailable', code: 'UPSTREAM_TOO_LARGE', status: 200 });
      expect(error.detail).toBe('the answer exceeds 1000 bytes');
    });

    it('cuts a chunked answer once it passes the limit', async () => {
      const { client } = await shop((_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        const text = JSON.stringify(large);
        response.write(text.slice(0, 600));
        response.end(text.slice(600));
      });
      const error = await upstreamFailureOf(client.models.get({ params: { name: 'a' } }, { maxResponseBytes: 1_000 }));
      expect(error).toMatchObject({ code: 'UPSTREAM_TOO_LARGE' });
    });
  });
});

describe('callRoute', () => {
  const upstream = localUpstreams();

  it('calls a single descriptor with the client options given', async () => {
    const { baseUrl, received } = await upstream((_request, response) => sendJson(response, 200, MODEL));
    const answer = await callRoute(shopRoutes.models.get, { params: { name: 'topics' } }, { baseUrl, apiKey: 'k' });
    expect(answer).toEqual({ name: 'topics', createdAt: new Date(MODEL.createdAt) });
    expect(received[0]?.headers.authorization).toBe('Bearer k');
  });

  it('throws a TypeError before any request when a path param is missing', async () => {
    const { baseUrl, received } = await upstream((_request, response) => sendJson(response, 200, MODEL));
    await expect(callRoute(shopRoutes.models.get, {} as never, { baseUrl })).rejects.toThrow(TypeError);
    expect(received).toHaveLength(0);
  });
});
