import Fastify from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { validatorKeepingSentHeaders } from './header-validation.js';

const app = Fastify().withTypeProvider<ZodTypeProvider>();
app.setValidatorCompiler(validatorKeepingSentHeaders);
app.get('/plain', { schema: { headers: z.object({ 'x-key': z.string().max(5).optional() }) } }, (request) => ({
  key: request.headers['x-key'] ?? null,
  host: request.headers.host,
  raw: request.headers === request.raw.headers,
}));
app.get('/changed', { schema: { headers: z.object({ 'x-count': z.coerce.number().default(7) }) } }, (request) => ({
  count: request.headers['x-count'],
  host: request.headers.host,
}));
app.get('/query', { schema: { querystring: z.object({ n: z.coerce.number() }) } }, (request) => ({
  n: request.query.n,
}));

describe('validatorKeepingSentHeaders', () => {
  it('checks headers and keeps them as sent when the schema leaves them unchanged', async () => {
    const ok = await app.inject({ method: 'GET', url: '/plain', headers: { 'x-key': 'abc' } });
    expect(ok.json()).toEqual({ key: 'abc', host: 'localhost:80', raw: true });
    expect((await app.inject({ method: 'GET', url: '/plain' })).json()).toEqual({
      key: null,
      host: 'localhost:80',
      raw: true,
    });
    expect((await app.inject({ method: 'GET', url: '/plain', headers: { 'x-key': 'toolong' } })).statusCode).toBe(400);
  });

  it('hands back headers a schema changes (coercion, default), and other parts as the zod compiler does', async () => {
    const sent = await app.inject({ method: 'GET', url: '/changed', headers: { 'x-count': '3' } });
    expect(sent.json()).toEqual({ count: 3, host: 'localhost:80' });
    expect((await app.inject({ method: 'GET', url: '/changed' })).json()).toEqual({ count: 7, host: 'localhost:80' });
    expect((await app.inject({ method: 'GET', url: '/query?n=4' })).json()).toEqual({ n: 4 });
  });
});
