import { Readable } from 'node:stream';
import type { HttpApp } from '@mlops/http';
import { createLogger } from '@mlops/logger';
import { Broker } from '@mlops/messaging';
import { createTestEnvironment, type TestEnvironment, testKeyVerifier, withTestKey, bearer } from '@mlops/testing';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadDlTrainerConfig } from '../src/config.js';
import { loadRegistryConfig, openModelRegistry, registerModelVersion } from '../src/registry/index.js';

const report = (sha: string) => ({
  sha256: sha.repeat(64),
  size: 2048,
  renderedAt: '2026-12-05T10:00:00.000Z',
  url: 'http://reporter:4005/v1/reports/topics/1.pdf',
});

describe('model version reports in the registry', () => {
  let environment: TestEnvironment;
  let app: HttpApp;
  let client: MongoClient;
  let broker: Broker;

  beforeAll(async () => {
    environment = await createTestEnvironment('dl-trainer reports');
    app = withTestKey(
      await buildApp(loadDlTrainerConfig({ ...environment.env, SHUTDOWN_TIMEOUT_MS: '500' }), {
        keyVerifier: testKeyVerifier,
      }),
    );
    client = await MongoClient.connect(environment.mongoUrl);
    const logger = createLogger({ service: 'reports-test', level: 'silent' });
    broker = await Broker.connect({
      url: environment.amqpUrl,
      logger,
      connectionName: 'reports-test',
      topology: { queues: [] },
    });
    const registry = await openModelRegistry({
      db: client.db(environment.dbName),
      broker,
      logger,
      config: loadRegistryConfig({}),
    });
    await registerModelVersion(registry, {
      name: 'topics',
      files: [
        { path: 'manifest.json', content: Buffer.from(JSON.stringify({ labels: ['a', 'b'] })) },
        { path: 'model.onnx', content: Readable.from([Buffer.from('onnx')]) },
      ],
      lineage: { datasetName: 'topics', datasetVersion: 1, datasetContentHash: 'c'.repeat(64) },
      labels: ['a', 'b'],
      metrics: {},
      createdBy: 'trainer',
    });
  });

  afterAll(async () => {
    await app.close();
    await broker.close();
    await client.close();
    await environment.dispose();
  });

  const url = '/v1/models/topics/versions/1/report';

  it('answers 404 before a report is recorded, then the record; recording again replaces it', async () => {
    const before = await app.inject({ method: 'GET', url });
    expect(before.statusCode).toBe(404);
    expect(before.json()).toMatchObject({ code: 'REGISTRY_REPORT_NOT_FOUND' });

    const recorded = await app.inject({
      method: 'PUT',
      url,
      headers: { authorization: bearer('reporter') },
      payload: report('a'),
    });
    expect(recorded.statusCode).toBe(200);
    expect(recorded.json()).toEqual({ name: 'topics', version: 1, recordedBy: 'reporter', ...report('a') });
    await app.inject({ method: 'PUT', url, payload: report('b') });
    expect((await app.inject({ method: 'GET', url })).json()).toMatchObject({ sha256: 'b'.repeat(64) });
  });

  it('refuses a report for an unknown version and a record that breaks its schema', async () => {
    const unknown = await app.inject({
      method: 'PUT',
      url: '/v1/models/topics/versions/9/report',
      payload: report('a'),
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'REGISTRY_VERSION_NOT_FOUND' });
    const bad = await app.inject({ method: 'PUT', url, payload: { ...report('a'), sha256: 'nope', size: 0 } });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json<{ errors: { pointer: string }[] }>()
        .errors.map((error) => error.pointer)
        .sort(),
    ).toEqual(['/body/sha256', '/body/size']);
  });
});
