import type { PredictResponse } from '@mlops/contracts';
import { createTestEnvironment, waitFor, type TestEnvironment } from '@mlops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InferenceApp } from '../src/app.js';
import { ServedTopics } from './support/served-topics.js';
import { trainTopicModel } from './support/train-topic-model.js';

const TEXTS = ['please pay the invoice to the bank account today', 'the flight to the airport leaves from gate 4'];

describe('a model thread that runs out of heap', () => {
  let environment: TestEnvironment;
  let served: ServedTopics;
  let inference: InferenceApp;

  const predict = (texts: readonly string[]) =>
    inference.app.inject({ method: 'POST', url: '/v1/models/topics/predict', payload: { texts } });

  beforeAll(async () => {
    environment = await createTestEnvironment('inference model thread loss');
    served = await ServedTopics.start(environment, [await trainTopicModel(1)]);
    inference = await served.build({
      MODEL_THREAD_MAX_HEAP_MB: '64',
      MAX_TEXT_CHARS: '2000000',
      MAX_TEXTS_PER_REQUEST: '32',
      HTTP_BODY_LIMIT_BYTES: String(64 * 1024 * 1024),
      MODEL_RESYNC_MS: '3600000',
      LOG_LEVEL: 'silent',
    });
    await inference.models.syncAll();
  }, 120_000);

  afterAll(async () => {
    await served.close();
    await environment.dispose();
  });

  it('costs the request that exhausted it a 503, then the version is loaded again on a fresh thread and serves', async () => {
    const before = await predict(TEXTS);
    expect(before.statusCode).toBe(200);
    const words = Array.from({ length: 150_000 }, (_, index) => `w${index}`).join(' ');
    const heavy = await predict(Array.from({ length: 32 }, (_, index) => `${words} ${index}`));
    expect(heavy.statusCode).toBe(503);
    expect(heavy.headers['content-type']).toContain('application/problem+json');
    expect(heavy.json<{ detail: string }>().detail).toMatch(/thread of topics v1 stopped/);
    await waitFor(async () => ((await predict(TEXTS)).statusCode === 200 ? true : undefined), 30_000);
    const after = (await predict(TEXTS)).json<PredictResponse>();
    expect(after.version).toBe(1);
    expect(after.predictions.map((prediction) => prediction.label)).toEqual(
      before.json<PredictResponse>().predictions.map((prediction) => prediction.label),
    );
    expect(inference.models.list().map((entry) => entry.model.version)).toEqual([1]);
  }, 120_000);
});
