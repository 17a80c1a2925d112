import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { UpstreamError } from '@mlops/clients';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMlopsClient } from './mlops-client.js';

describe('createMlopsClient', () => {
  const seen: { url: string | undefined; headers: IncomingHttpHeaders }[] = [];
  const server = createServer((request, response) => {
    seen.push({ url: request.url, headers: request.headers });
    response.writeHead(404, { 'content-type': 'application/problem+json' });
    const type = 'https://mlops.local/problems/registry-model-not-found';
    response.end(JSON.stringify({ type, title: 'Model not found', status: 404, code: 'REGISTRY_MODEL_NOT_FOUND' }));
  });
  let baseUrl: string;

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('calls the trainer for training jobs and the registry, with the key as a bearer token', async () => {
    const mlops = createMlopsClient({ trainerUrl: `${baseUrl}/`, apiKey: 'secret' });
    const call = mlops.registry.aliases.resolve({ params: { name: 'topics', alias: 'production' } });
    await expect(call).rejects.toMatchObject({ kind: 'refused', code: 'REGISTRY_MODEL_NOT_FOUND', status: 404 });
    await expect(mlops.trainingJobs.list()).rejects.toBeInstanceOf(UpstreamError);
    expect(seen.map((request) => request.url)).toEqual(['/v1/models/topics/aliases/production', '/v1/training-jobs']);
    expect(seen[0]?.headers.authorization).toBe('Bearer secret');
  });

  it('calls the reporter for reports: status, PDF, regenerate and comparison URLs from the descriptors', async () => {
    seen.length = 0;
    const mlops = createMlopsClient({ reporterUrl: baseUrl });
    const params = { model: 'topics', version: 2 };
    await expect(mlops.reports.get({ params })).rejects.toBeInstanceOf(UpstreamError);
    await expect(mlops.reports.pdf({ params })).rejects.toBeInstanceOf(UpstreamError);
    await expect(mlops.reports.tables({ params })).rejects.toBeInstanceOf(UpstreamError);
    await expect(mlops.reports.regenerate({ params })).rejects.toBeInstanceOf(UpstreamError);
    await expect(mlops.reports.compare({ query: { model: 'topics', a: 1, b: 2 } })).rejects.toBeInstanceOf(
      UpstreamError,
    );
    expect(seen.map((request) => request.url)).toEqual([
      '/v1/reports/topics/2',
      '/v1/reports/topics/2.pdf',
      '/v1/reports/topics/2/tables.zip',
      '/v1/reports/topics/2:regenerate',
      '/v1/reports/compare.pdf?model=topics&a=1&b=2',
    ]);
  });

  it('calls the trainer for studies: create, list, get and cancel', async () => {
    seen.length = 0;
    const mlops = createMlopsClient({ trainerUrl: baseUrl, apiKey: 'secret' });
    const id = '6f1c1d8e-8a53-4c1e-9d36-2f4a1b7c9e10';
    await expect(mlops.studies.list({ query: { limit: 5 } })).rejects.toBeInstanceOf(UpstreamError);
    await expect(mlops.studies.get({ params: { id } })).rejects.toMatchObject({ status: 404 });
    await expect(mlops.studies.cancel({ params: { id } })).rejects.toBeInstanceOf(UpstreamError);
    expect(seen.map((request) => request.url)).toEqual([
      '/v1/studies?limit=5',
      `/v1/studies/${id}`,
      `/v1/studies/${id}:cancel`,
    ]);
    expect(seen.every((request) => request.headers.authorization === 'Bearer secret')).toBe(true);
  });

  it('calls the trainer for retraining: schedules and their actions, decisions of a model', async () => {
    seen.length = 0;
    const mlops = createMlopsClient({ trainerUrl: baseUrl, apiKey: 'secret' });
    const id = '0b7e2f5c-5d1a-4f7e-8a35-1c2d3e4f5a6b';
    const { schedules, decisions } = mlops.retraining;
    await expect(schedules.list({ query: { limit: 5 } })).rejects.toBeInstanceOf(UpstreamError);
    await expect(schedules.ticks({ params: { id } })).rejects.toBeInstanceOf(UpstreamError);
    await expect(schedules.pause({ params: { id }, body: { reason: 'holiday' } })).rejects.toBeInstanceOf(
      UpstreamError,
    );
    await expect(schedules.runNow({ params: { id } })).rejects.toBeInstanceOf(UpstreamError);
    await expect(decisions.list({ params: { name: 'topics' } })).rejects.toMatchObject({ status: 404 });
    expect(seen.map((request) => request.url)).toEqual([
      '/v1/schedules?limit=5',
      `/v1/schedules/${id}/ticks`,
      `/v1/schedules/${id}:pause`,
      `/v1/schedules/${id}:run-now`,
      '/v1/models/topics/decisions',
    ]);
  });

  it('names the missing URL when a client of a service without one is read', () => {
    const mlops = createMlopsClient({ trainerUrl: baseUrl });
    expect(() => mlops.inference).toThrow(/inferenceUrl/);
    expect(() => mlops.featureStore).toThrow(/featureStoreUrl/);
    expect(() => mlops.reports).toThrow(/reporterUrl/);
    expect(() => createMlopsClient({}).studies).toThrow(/trainerUrl/);
  });
});
