import type { TrainingRun } from '@mlops/contracts';
import type { HttpApp } from '@mlops/http';
import { createLogger } from '@mlops/logger';
import { Broker } from '@mlops/messaging';
import { createTestEnvironment, type TestEnvironment, testKeyVerifier, withTestKey } from '@mlops/testing';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadDlTrainerConfig } from '../src/config.js';
import {
  finishRun,
  loadRegistryConfig,
  openModelRegistry,
  recordEpoch,
  recordPhase,
  startRun,
  type ModelRegistry,
} from '../src/registry/index.js';

const GIT_SHA = '0123456789abcdef0123456789abcdef01234567';

describe('training runs', () => {
  let environment: TestEnvironment;
  let app: HttpApp;
  let client: MongoClient;
  let broker: Broker;
  let registry: ModelRegistry;

  beforeAll(async () => {
    environment = await createTestEnvironment('dl-trainer runs');
    app = withTestKey(
      await buildApp(loadDlTrainerConfig({ ...environment.env, SHUTDOWN_TIMEOUT_MS: '500' }), {
        keyVerifier: testKeyVerifier,
      }),
    );
    client = await MongoClient.connect(environment.mongoUrl);
    const logger = createLogger({ service: 'runs-test', level: 'silent' });
    broker = await Broker.connect({
      url: environment.amqpUrl,
      logger,
      connectionName: 'runs-test',
      topology: { queues: [] },
    });
    registry = await openModelRegistry({
      db: client.db(environment.dbName),
      broker,
      logger,
      config: loadRegistryConfig({ GIT_SHA }),
    });
  });

  afterAll(async () => {
    await app.close();
    await broker.close();
    await client.close();
    await environment.dispose();
  });

  const config = { modelName: 'spam-filter', epochs: 3, learningRate: 0.01, 'odd.key': { $nested: true } };

  it('records a run once per job, epochs by key, across a redelivery', async () => {
    const started = await startRun(registry, {
      runId: 'job-1',
      jobId: 'job-1',
      modelName: 'spam-filter',
      config,
      backend: 'wasm',
    });
    expect(started).toMatchObject({ status: 'running', attempts: 1, codeVersion: GIT_SHA, config, epochs: [] });
    expect(started.environment).toMatchObject({ nodeVersion: process.version, backend: 'wasm' });
    await recordEpoch(registry, 'job-1', 1, { loss: 0.9, valLoss: 1.0 });
    await recordEpoch(registry, 'job-1', 2, { loss: 0.7, valLoss: 0.8 });

    const resumed = await startRun(registry, {
      runId: 'job-1',
      jobId: 'job-1',
      modelName: 'spam-filter',
      config,
      backend: 'cpu',
    });
    expect(resumed).toMatchObject({ status: 'running', attempts: 2, environment: { backend: 'cpu' } });
    expect(resumed.timings.startedAt).toBe(started.timings.startedAt);
    for (const [epoch, loss] of [
      [1, 0.85],
      [2, 0.65],
      [3, 0.5],
    ] as const)
      await recordEpoch(registry, 'job-1', epoch, { loss, valLoss: loss + 0.1 });
    await recordPhase(registry, 'job-1', 'fit', 1200);
    const finished = await finishRun(registry, 'job-1', {
      status: 'succeeded',
      evaluation: { macroF1: 0.92, perClass: { 'ham.x': { f1: 0.9 } } },
      modelVersion: { name: 'spam-filter', version: 4 },
      phasesMs: { evaluate: 80 },
    });
    expect(finished.status).toBe('succeeded');

    const response = await app.inject({ method: 'GET', url: '/v1/runs/job-1' });
    expect(response.statusCode).toBe(200);
    const run = response.json<TrainingRun>();
    expect(run.epochs.map((e) => [e.epoch, e.metrics.loss])).toEqual([
      [1, 0.85],
      [2, 0.65],
      [3, 0.5],
    ]);
    expect(run).toMatchObject({
      id: 'job-1',
      jobId: 'job-1',
      attempts: 2,
      config,
      evaluation: { macroF1: 0.92 },
      modelVersion: { name: 'spam-filter', version: 4 },
      timings: { phasesMs: { fit: 1200, evaluate: 80 } },
    });
    expect(run.timings.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('lists runs newest first with filters, and records failures', async () => {
    await startRun(registry, { runId: 'job-2', jobId: 'job-2', modelName: 'topics', config: {}, backend: 'wasm' });
    await finishRun(registry, 'job-2', { status: 'failed', error: { code: 'DATASET_MISSING', message: 'gone' } });
    const topics = await app.inject({ method: 'GET', url: '/v1/runs?modelName=topics' });
    expect(topics.json<{ items: TrainingRun[] }>().items).toEqual([
      expect.objectContaining({ id: 'job-2', status: 'failed', error: { code: 'DATASET_MISSING', message: 'gone' } }),
    ]);
    const failed = await app.inject({ method: 'GET', url: '/v1/runs?status=failed&limit=1' });
    expect(failed.json<{ items: TrainingRun[] }>().items.map((r) => r.id)).toEqual(['job-2']);
    const all = await app.inject({ method: 'GET', url: '/v1/runs?limit=1' });
    const page = all.json<{ items: TrainingRun[]; nextCursor: string }>();
    expect(page.items.map((r) => r.id)).toEqual(['job-2']);
    const next = await app.inject({ method: 'GET', url: `/v1/runs?limit=1&cursor=${page.nextCursor}` });
    expect(next.json<{ items: TrainingRun[] }>().items.map((r) => r.id)).toEqual(['job-1']);
  });

  it('refuses unknown runs and a run id reused by another job', async () => {
    const missing = await app.inject({ method: 'GET', url: '/v1/runs/nope' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'REGISTRY_RUN_NOT_FOUND' });
    await expect(recordEpoch(registry, 'nope', 1, { loss: 1 })).rejects.toMatchObject({
      code: 'REGISTRY_RUN_NOT_FOUND',
    });
    await expect(
      startRun(registry, { runId: 'job-1', jobId: 'other-job', modelName: 'spam-filter', config: {}, backend: 'wasm' }),
    ).rejects.toMatchObject({ code: 'REGISTRY_RUN_CONFLICT' });
    await expect(recordEpoch(registry, 'job-1', 1, { 'bad.key': 1 })).rejects.toMatchObject({
      code: 'REGISTRY_RUN_INVALID',
    });
  });
});
