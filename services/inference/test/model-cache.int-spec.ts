import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { EVENTS, modelPromotedEventSchema, type PredictResponse } from '@mlops/contracts';
import { createLogger } from '@mlops/logger';
import { Broker } from '@mlops/messaging';
import { bearer, createTestEnvironment, waitFor, type TestEnvironment } from '@mlops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InferenceApp } from '../src/app.js';
import { ServedTopics } from './support/served-topics.js';
import { trainTopicModel } from './support/train-topic-model.js';

describe('the on-disk model cache', () => {
  let environment: TestEnvironment;
  let served: ServedTopics;
  let inference: InferenceApp;
  let broker: Broker;

  const cachedVersions = async () => (await readdir(join(served.cacheDir, 'topics')).catch(() => [])).sort();
  const predict = (url: string) =>
    inference.app.inject({ method: 'POST', url, payload: { texts: ['pay the invoice'] } });

  beforeAll(async () => {
    environment = await createTestEnvironment('inference model cache');
    served = await ServedTopics.start(environment, [await trainTopicModel(1), await trainTopicModel(2)], 1);
    inference = await served.build({ MODEL_CACHE_MAX_VERSIONS: '1' });
    broker = await Broker.connect({
      url: environment.amqpUrl,
      logger: createLogger({ service: 'test', level: 'silent' }),
      connectionName: 'inference-cache-test',
      topology: { queues: [] },
    });
  }, 180_000);

  afterAll(async () => {
    await broker.close();
    await served.close();
    await environment.dispose();
  });

  it('loads a version on demand only for a key holding the predict scope', async () => {
    await waitFor(() => (inference.models.ready ? true : undefined), 60_000);
    const refused = await inference.app.inject({
      method: 'POST',
      url: '/v1/models/topics/versions/2/predict',
      payload: { texts: ['pay the invoice'] },
      headers: { authorization: bearer('reader', ['read']) },
    });
    expect(refused.statusCode).toBe(403);
    expect(inference.models.list().map(({ model }) => model.version)).toEqual([1]);
    expect(await cachedVersions()).toEqual(['1']);
  });

  it('evicts the version that stopped serving, and keeps every version that serves even past the limit', async () => {
    expect(await cachedVersions()).toEqual(['1']);

    served.registry.moveAlias('topics', 'production', 2);
    await broker.publishEvent(EVENTS.modelPromoted, modelPromotedEventSchema, {
      name: 'topics',
      alias: 'production',
      version: 2,
      previousVersion: 1,
      sequence: 2,
      movedBy: 'test',
      reason: 'test',
      movedAt: new Date().toISOString(),
    });
    await waitFor(async () => {
      const response = await predict('/v1/models/topics/predict');
      return response.json<PredictResponse>().version === 2 ? true : undefined;
    }, 60_000);
    await waitFor(async () => ((await cachedVersions()).join() === '2' ? true : undefined), 30_000);

    const onDemand = await predict('/v1/models/topics/versions/1/predict');
    expect(onDemand.statusCode).toBe(200);
    expect(await cachedVersions()).toEqual(['1', '2']);
  });
});
