import type { PredictResponse } from '@mlops/contracts';
import { createTestEnvironment, waitFor, type StandInRegistry, type TestEnvironment } from '@mlops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InferenceApp } from '../src/app.js';
import { ServedTopics } from './support/served-topics.js';
import { trainTopicModel } from './support/train-topic-model.js';

/** Models not in MODELS: served from their first request, followed on promotion, within MODELS_ON_DEMAND_MAX. */
describe('inference serving models on demand', () => {
  let environment: TestEnvironment;
  let served: ServedTopics;
  let registry: StandInRegistry;

  const predict = (inference: InferenceApp, model: string) =>
    inference.app.inject({
      method: 'POST',
      url: `/v1/models/${model}/predict`,
      payload: { texts: ['pay the invoice'] },
    });

  beforeAll(async () => {
    environment = await createTestEnvironment('inference on demand');
    const first = await trainTopicModel(1);
    const second = await trainTopicModel(2);
    served = await ServedTopics.start(environment, [first, second], 1);
    registry = served.registry;
    registry.moveAlias('other', 'production', registry.register('other', first));
  }, 120_000);

  afterAll(async () => {
    await served.close();
    await environment.dispose();
  });

  it('serves a model not in MODELS from its first request, concurrent first requests sharing one load, without gating readiness', async () => {
    const inference = await served.build({ MODELS: '', MODELS_ON_DEMAND_MAX: '1' });
    expect((await inference.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    const answers = await Promise.all(Array.from({ length: 6 }, () => predict(inference, 'topics')));
    for (const answer of answers) {
      expect(answer.statusCode).toBe(200);
      expect(answer.json<PredictResponse>()).toMatchObject({ model: 'topics', version: 1, route: 'production' });
    }
    expect(inference.models.list().map(({ model, aliases }) => [model.name, model.version, aliases])).toEqual([
      ['topics', 1, ['production']],
    ]);
    expect(inference.models.served).toEqual(['topics']);
    expect((await inference.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);

    const limited = await predict(inference, 'other');
    expect(limited.statusCode).toBe(404);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(limited.json()).toMatchObject({ code: 'INFERENCE_MODEL_NOT_FOUND' });
    expect(limited.json<{ detail: string }>().detail).toContain('MODELS_ON_DEMAND_MAX');
    await served.closeApp(inference);
  });

  it('follows the production alias of a model it serves on demand when it is promoted, and refuses a model the registry lacks', async () => {
    const inference = await served.build({ MODELS: '', PROMOTION_QUEUE: 'inference.on-demand-test' });
    expect((await predict(inference, 'topics')).json<PredictResponse>().version).toBe(1);
    await served.promote('topics', 2);
    await waitFor(
      async () => ((await predict(inference, 'topics')).json<PredictResponse>().version === 2 ? true : undefined),
      30_000,
    );
    expect((await predict(inference, 'other')).json<PredictResponse>()).toMatchObject({ model: 'other', version: 1 });
    expect([...inference.models.served].sort()).toEqual(['other', 'topics']);
    const unknown = await predict(inference, 'nope');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json<{ detail: string }>().detail).toBe('the registry has no production version of model nope');
    expect([...inference.models.served].sort()).toEqual(['other', 'topics']);
    registry.moveAlias('topics', 'production', 1);
    await served.closeApp(inference);
  });

  it('refuses a model whose production version fails to load, and answers that again without loading it', async () => {
    const broken = registry.register('broken', await trainTopicModel(3));
    registry.moveAlias('broken', 'production', broken);
    registry.corruptTransfer('broken', broken, 'model.onnx');
    const inference = await served.build({ MODELS: '' });
    const attempted = `/models/broken/versions/${broken}/files/model.onnx`;
    const first = await predict(inference, 'broken');
    expect(first.statusCode).toBe(503);
    expect(first.json()).toMatchObject({ code: 'INFERENCE_MODEL_NOT_LOADED' });
    expect(first.json<{ detail: string }>().detail).toContain('sha256');
    const downloads = registry.downloads.filter((url) => url.endsWith(attempted)).length;
    const again = await predict(inference, 'broken');
    expect(again.statusCode).toBe(503);
    expect(again.json<{ detail: string }>().detail).toBe(first.json<{ detail: string }>().detail);
    expect(registry.downloads.filter((url) => url.endsWith(attempted))).toHaveLength(downloads);
    expect(inference.models.served).toEqual([]);
    expect(inference.models.list()).toEqual([]);
    await served.closeApp(inference);
  });

  it('answers 404 for a model not in MODELS when MODELS_ON_DEMAND_MAX is 0', async () => {
    const inference = await served.build({ MODELS: '', MODELS_ON_DEMAND_MAX: '0' });
    const refused = await predict(inference, 'topics');
    expect(refused.statusCode).toBe(404);
    expect(refused.json<{ detail: string }>().detail).toBe(
      'model topics is not in MODELS and MODELS_ON_DEMAND_MAX is 0',
    );
    expect(inference.models.list()).toEqual([]);
    await served.closeApp(inference);
  });
});
