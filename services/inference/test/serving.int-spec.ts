import { readFile, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { EVENTS, modelPromotedEventSchema, type PredictResponse } from '@mlops/contracts';
import { createLogger } from '@mlops/logger';
import { Broker } from '@mlops/messaging';
import { readManifest } from '@mlops/ml';
import { createTestEnvironment, waitFor, type TestEnvironment } from '@mlops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InferenceApp } from '../src/app.js';
import type { PredictionEvent } from '../src/serving/prediction-events.js';
import type { StandInRegistry } from '@mlops/testing';
import { ServedTopics } from './support/served-topics.js';
import { directProbabilities } from './support/direct-probabilities.js';
import { trainTopicModel, type ModelFolder } from './support/train-topic-model.js';

const TEXTS = [
  'please pay the invoice to the bank account today',
  'the flight to the airport leaves from gate 4',
  'the doctor changed the dose after the blood test',
  'we',
];

describe('inference serving against a registry', () => {
  let environment: TestEnvironment;
  let registry: StandInRegistry;
  let inference: InferenceApp;
  let broker: Broker;
  let served: ServedTopics;
  let first: ModelFolder;
  let second: ModelFolder;
  const events: PredictionEvent[] = [];

  const predict = (payload: unknown, url = '/v1/models/topics/predict') =>
    inference.app.inject({ method: 'POST', url, payload: payload as Record<string, unknown> });
  const promote = async (version: number) => {
    registry.moveAlias('topics', 'production', version);
    await broker.publishEvent(EVENTS.modelPromoted, modelPromotedEventSchema, {
      name: 'topics',
      alias: 'production',
      version,
      previousVersion: null,
      sequence: version,
      movedBy: 'test',
      reason: 'test',
      movedAt: new Date().toISOString(),
    });
  };
  const servingVersion = async () => (await predict({ texts: ['x'] })).json<PredictResponse>().version;

  beforeAll(async () => {
    environment = await createTestEnvironment('inference serving');
    first = await trainTopicModel(1);
    second = await trainTopicModel(2, 'mlp');
    served = await ServedTopics.start(environment, [first, second], null);
    registry = served.registry;
    inference = await served.build(
      { MAX_TEXTS_PER_REQUEST: '8', MAX_TEXT_CHARS: '200', BATCH_MAX_DELAY_MS: '1' },
      { predictionListeners: [(event) => events.push(event)] },
    );
    broker = await Broker.connect({
      url: environment.amqpUrl,
      logger: createLogger({ service: 'test', level: 'silent' }),
      connectionName: 'inference-test',
      topology: { queues: [] },
    });
  }, 120_000);

  afterAll(async () => {
    await broker.close();
    await served.close();
    await environment.dispose();
  });

  it('is not ready until the production version is loaded', async () => {
    const before = await inference.app.inject({ method: 'GET', url: '/readyz' });
    expect(before.statusCode).toBe(503);
    expect(before.json()).toMatchObject({ checks: { models: { status: 'down' } } });
    expect((await predict({ texts: ['hello'] })).statusCode).toBe(503);
    registry.moveAlias('topics', 'production', 1);
    await inference.models.syncAll();
    const after = await inference.app.inject({ method: 'GET', url: '/readyz' });
    expect(after.statusCode).toBe(200);
    expect(after.json()).toMatchObject({ status: 'ready', checks: { models: { status: 'up' } } });
  });

  it('predicts what libs/ml and ONNX Runtime compute directly, to 1e-5, with top K sorted', async () => {
    const response = await predict({ texts: TEXTS });
    expect(response.statusCode).toBe(200);
    const body = response.json<PredictResponse>();
    expect(body).toMatchObject({ model: 'topics', version: 1 });
    const labels = readManifest(first.get('manifest.json') ?? Buffer.alloc(0)).labels;
    const expected = await directProbabilities(first, TEXTS);
    body.predictions.forEach((prediction, row) => {
      const byLabel = new Map(prediction.probabilities.map((entry) => [entry.label, entry.p]));
      labels.forEach((label, index) => expect(byLabel.get(label)).toBeCloseTo(expected[row]?.[index] ?? NaN, 5));
      const ps = prediction.probabilities.map((entry) => entry.p);
      expect(ps).toEqual([...ps].sort((a, b) => b - a));
      expect(prediction.label).toBe(prediction.probabilities[0]?.label);
      expect(prediction).toMatchObject({ rule: null, hits: [] });
    });
    expect(body.predictions.slice(0, 3).map((prediction) => prediction.label)).toEqual(['finance', 'travel', 'health']);
    const top1 = (await predict({ texts: TEXTS, topK: 1 })).json<PredictResponse>();
    expect(top1.predictions.every((prediction) => prediction.probabilities.length === 1)).toBe(true);
    const event = events.at(-1);
    expect(event).toMatchObject({ model: 'topics', version: 1, texts: TEXTS, labels });
    expect(event?.predictions).toHaveLength(TEXTS.length);
    expect(event?.requestId).toEqual(expect.any(String));
  });

  it('answers client mistakes with 400, 404 and 413 problems naming the field or limit', async () => {
    const unknown = await predict({ texts: ['a'] }, '/v1/models/nope/predict');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    expect(unknown.json()).toMatchObject({ code: 'INFERENCE_MODEL_NOT_FOUND' });
    const noVersion = await predict({ texts: ['a'] }, '/v1/models/topics/versions/99/predict');
    expect(noVersion.statusCode).toBe(404);
    expect(noVersion.json()).toMatchObject({ code: 'INFERENCE_VERSION_NOT_FOUND' });
    const empty = await predict({ texts: [] });
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toMatchObject({ errors: [{ pointer: '/body/texts' }] });
    const emptyText = await predict({ texts: ['a', ''] });
    expect(emptyText.statusCode).toBe(400);
    expect(emptyText.json()).toMatchObject({
      errors: [{ pointer: '/body/texts/1', message: expect.stringContaining('empty text') as string }],
    });
    const tooMany = await predict({ texts: Array.from({ length: 9 }, () => 'a') });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json()).toMatchObject({ errors: [{ pointer: '/body/texts' }] });
    const tooLong = await predict({ texts: ['ok', 'x'.repeat(201)] });
    expect(tooLong.statusCode).toBe(413);
    expect(tooLong.json()).toMatchObject({ code: 'INFERENCE_TEXT_TOO_LONG', errors: [{ pointer: '/body/texts/1' }] });
    expect(tooLong.json<{ detail: string }>().detail).toContain('200');
    const topK = await predict({ texts: ['a'], topK: 4 });
    expect(topK.statusCode).toBe(400);
    expect(topK.json()).toMatchObject({ errors: [{ pointer: '/body/topK' }] });
    for (const payload of [{ texts: 'a' }, { texts: [1] }, { texts: ['a'], extra: true }, { texts: ['a'], topK: 0 }]) {
      expect((await predict(payload)).statusCode).toBe(400);
    }
    const loaded = (await inference.app.inject({ method: 'GET', url: '/v1/models' })).json<{
      items: { version: number; inFlight: number }[];
    }>();
    expect(loaded.items.map((item) => item.inFlight)).toEqual(loaded.items.map(() => 0));
  });

  it('serves another version by number on demand, and lists what is loaded', async () => {
    const response = await predict({ texts: TEXTS }, '/v1/models/topics/versions/2/predict');
    expect(response.statusCode).toBe(200);
    const body = response.json<PredictResponse>();
    expect(body.version).toBe(2);
    const expected = await directProbabilities(second, TEXTS);
    const labels = readManifest(second.get('manifest.json') ?? Buffer.alloc(0)).labels;
    const first = new Map(body.predictions[0]?.probabilities.map((entry) => [entry.label, entry.p]));
    labels.forEach((label, index) => expect(first.get(label)).toBeCloseTo(expected[0]?.[index] ?? NaN, 5));
    const listed = await inference.app.inject({ method: 'GET', url: '/v1/models' });
    expect(listed.json()).toMatchObject({
      items: [
        { name: 'topics', version: 1, aliases: ['production'] },
        { name: 'topics', version: 2, aliases: [] },
      ],
      missing: [],
    });
  });

  it('switches traffic on model.promoted with zero failed requests under concurrent load', async () => {
    registry.register('topics', first);
    const statuses: number[] = [];
    const versions = new Set<number>();
    let stop = false;
    const worker = async () => {
      // Bounded in count as a safety net; `stop` ends it once version 3 serves (each swap loads
      // a version on a model thread, which may first have to start one).
      while (!stop && statuses.length < 50_000) {
        const response = await predict({ texts: TEXTS.slice(0, 2) });
        statuses.push(response.statusCode);
        if (response.statusCode === 200) versions.add(response.json<PredictResponse>().version);
      }
    };
    const load = Array.from({ length: 8 }, worker);
    await promote(2);
    await waitFor(async () => ((await servingVersion()) === 2 ? true : undefined), 20_000);
    await promote(3);
    await waitFor(async () => ((await servingVersion()) === 3 ? true : undefined), 20_000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    stop = true;
    await Promise.all(load);
    expect(statuses.length).toBeGreaterThanOrEqual(200);
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
    expect([...versions].sort((a, b) => a - b)).toEqual([1, 2, 3]);
    const metrics = (await inference.app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).toContain('inference_predict_duration_seconds_bucket');
    expect(metrics).toMatch(/inference_batch_size_count\{[^}]*version="3"[^}]*\} \d+/);
    expect(metrics).toContain('inference_queue_wait_seconds_bucket');
    expect(metrics).toMatch(/inference_loaded_versions\{[^}]*version="3",alias="production"[^}]*\} 1/);
  }, 60_000);

  it('refuses a version whose file fails its sha256 in transit; the previous version keeps serving', async () => {
    const corrupted = registry.register('topics', second);
    registry.corruptTransfer('topics', corrupted, 'model.onnx');
    await promote(corrupted);
    const attempted = `/versions/${corrupted}/files/model.onnx`;
    await waitFor(
      () => Promise.resolve(registry.downloads.some((url) => url.endsWith(attempted)) ? true : undefined),
      20_000,
    );
    await inference.models.syncModel('topics');
    expect(await servingVersion()).toBe(3);
    const onDemand = await predict({ texts: ['a'] }, `/v1/models/topics/versions/${corrupted}/predict`);
    expect(onDemand.statusCode).toBe(502);
    expect(onDemand.json<{ detail: string }>().detail).toContain('sha256');
  });

  it('refuses a version whose model.onnx is not the one its manifest names', async () => {
    const mismatched = new Map([
      ['manifest.json', first.get('manifest.json') ?? Buffer.alloc(0)],
      ['model.onnx', second.get('model.onnx') ?? Buffer.alloc(0)],
    ]);
    const version = registry.register('topics', mismatched);
    registry.moveAlias('topics', 'production', version);
    await inference.models.syncModel('topics');
    expect(await servingVersion()).toBe(3);
    const onDemand = await predict({ texts: ['a'] }, `/v1/models/topics/versions/${version}/predict`);
    expect(onDemand.statusCode).toBe(502);
    expect(onDemand.json<{ detail: string }>().detail).toContain('the manifest expects');
  });

  it('downloads again a cached file that was tampered with on disk', async () => {
    const cached = join(served.cacheDir, 'topics', '1', 'model.onnx');
    const original = await readFile(cached);
    await writeFile(cached, Buffer.from('not a model'));
    const response = await predict({ texts: ['a'] }, '/v1/models/topics/versions/1/predict');
    expect(response.statusCode).toBe(200);
    const restored = await readFile(cached);
    expect(createHash('sha256').update(restored).digest('hex')).toBe(
      createHash('sha256').update(original).digest('hex'),
    );
  });
});
