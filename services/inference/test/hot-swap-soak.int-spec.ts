import type { PredictResponse } from '@mlops/contracts';
import { createTestEnvironment, type TestEnvironment } from '@mlops/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { InferenceApp } from '../src/app.js';
import { LoadedModel } from '../src/serving/loaded-model.js';
import type { StandInRegistry } from '@mlops/testing';
import { ServedTopics } from './support/served-topics.js';
import { trainTopicModel } from './support/train-topic-model.js';

const SWAPS = 100;
const WORKERS = 8;
/** Bound on each request loop, whatever happens to the swaps. */
const MAX_REQUESTS_PER_WORKER = 4000;
const TEXTS = ['please pay the invoice to the bank account today', 'the flight to the airport leaves from gate 4'];

describe('hot swap soak', () => {
  let environment: TestEnvironment;
  let registry: StandInRegistry;
  let inference: InferenceApp;
  let served: ServedTopics;
  const loaded: LoadedModel[] = [];
  const released: LoadedModel[] = [];

  beforeAll(async () => {
    environment = await createTestEnvironment('inference hot-swap soak');
    served = await ServedTopics.start(environment, [await trainTopicModel(1), await trainTopicModel(2)]);
    registry = served.registry;
    const load = LoadedModel.load.bind(LoadedModel);
    vi.spyOn(LoadedModel, 'load').mockImplementation(async (...args) => {
      const model = await load(...args);
      loaded.push(model);
      vi.spyOn(model, 'release').mockImplementation(async function (this: LoadedModel) {
        released.push(model);
        await LoadedModel.prototype.release.call(this);
      });
      return model;
    });
    inference = await served.build({ MODEL_WARMUP_PREDICTIONS: '1', MODEL_RESYNC_MS: '3600000', LOG_LEVEL: 'warn' });
    await inference.models.syncAll();
  }, 120_000);

  afterAll(async () => {
    vi.restoreAllMocks();
    await served.close();
    await environment.dispose();
  });

  it(`swaps ${SWAPS} times under concurrent requests with no failed request, then holds one version and has released the others`, async () => {
    expect(inference.models.list().map((entry) => entry.model.version)).toEqual([1]);
    const statuses = new Map<number, number>();
    const versions = new Map<number, number>();
    const count = (tally: Map<number, number>, key: number) => tally.set(key, (tally.get(key) ?? 0) + 1);
    let stop = false;
    const worker = async () => {
      for (let sent = 0; !stop && sent < MAX_REQUESTS_PER_WORKER; sent += 1) {
        const response = await inference.app.inject({
          method: 'POST',
          url: '/v1/models/topics/predict',
          payload: { texts: TEXTS },
        });
        count(statuses, response.statusCode);
        if (response.statusCode === 200) count(versions, response.json<PredictResponse>().version);
      }
    };
    const load = Array.from({ length: WORKERS }, worker);
    let target = 1;
    const servedAfterSwap: number[][] = [];
    try {
      for (let swap = 0; swap < SWAPS; swap += 1) {
        target = target === 1 ? 2 : 1;
        registry.moveAlias('topics', 'production', target);
        await inference.models.syncModel('topics');
        servedAfterSwap.push(inference.models.list().map((entry) => entry.model.version));
      }
    } finally {
      stop = true;
      await Promise.all(load);
    }

    expect(servedAfterSwap).toEqual(Array.from({ length: SWAPS }, (_, swap) => [swap % 2 === 0 ? 2 : 1]));
    expect([...statuses.keys()]).toEqual([200]);
    expect(statuses.get(200)).toBeGreaterThanOrEqual(SWAPS);
    expect([...versions.keys()].sort()).toEqual([1, 2]);
    const current = inference.models.list();
    expect(current).toHaveLength(1);
    expect(current[0]).toMatchObject({ model: { version: target }, aliases: ['production'], inFlight: 0 });
    expect(loaded).toHaveLength(SWAPS + 1);
    expect(loaded.at(-1)).toBe(current[0]?.model);
    expect(new Set(released).size).toBe(released.length);
    expect(new Set(released)).toEqual(new Set(loaded.slice(0, -1)));
  }, 300_000);
});
