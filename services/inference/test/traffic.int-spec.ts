import type { PredictResponse, VersionComparison } from '@mlops/contracts';
import { createTestEnvironment, waitFor, type TestEnvironment } from '@mlops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InferenceApp } from '../src/app.js';
import { canaryPosition } from '../src/serving/canary-routing.js';
import type { PredictionEvent } from '../src/serving/prediction-events.js';
import type { StandInRegistry } from '@mlops/testing';
import { ServedTopics } from './support/served-topics.js';
import { trainTopicModel } from './support/train-topic-model.js';

const CANARY_SHARE = 0.3;
const TEXTS = [
  'please pay the invoice to the bank account today',
  'the flight to the airport leaves from gate 4',
  'the doctor changed the dose after the blood test',
];

describe('inference shadow and canary traffic', () => {
  let environment: TestEnvironment;
  let registry: StandInRegistry;
  let inference: InferenceApp;
  let served: ServedTopics;
  const events: PredictionEvent[] = [];

  const predict = async (texts: readonly string[], key?: string) => {
    const response = await inference.app.inject({
      method: 'POST',
      url: '/v1/models/topics/predict',
      headers: key === undefined ? {} : { 'x-routing-key': key },
      payload: { texts },
    });
    expect(response.statusCode).toBe(200);
    return response.json<PredictResponse>();
  };
  const comparison = async () => {
    const response = await inference.app.inject({ method: 'GET', url: '/v1/models/topics/comparison' });
    expect(response.statusCode).toBe(200);
    return response.json<VersionComparison>();
  };
  const figures = (body: VersionComparison, version: number, role: string) =>
    body.versions.find((entry) => entry.version === version && entry.role === role);

  beforeAll(async () => {
    environment = await createTestEnvironment('inference traffic');
    served = await ServedTopics.start(environment, [await trainTopicModel(1), await trainTopicModel(2, 'mlp')]);
    registry = served.registry;
    inference = await served.build(
      { CANARY_SHARE: String(CANARY_SHARE) },
      { predictionListeners: [(event) => events.push(event)] },
    );
    await inference.models.syncAll();
  }, 120_000);

  afterAll(async () => {
    await served.close();
    await environment.dispose();
  });

  it('scores a copy of production traffic with the shadow, logs it as shadow events, never returns it', async () => {
    registry.moveAlias('topics', 'shadow', 2);
    await inference.models.syncAll();
    const loaded = (await inference.app.inject({ method: 'GET', url: '/v1/models' })).json<{
      items: { version: number; aliases: string[] }[];
    }>();
    expect(loaded.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ version: 1, aliases: ['production'] }),
        expect.objectContaining({ version: 2, aliases: ['shadow'] }),
      ]),
    );

    const answers = [];
    for (let request = 0; request < 20; request += 1) answers.push(await predict(TEXTS, `user-${request}`));
    for (const answer of answers) expect(answer).toMatchObject({ version: 1, route: 'production' });

    const answeredIds = answers.flatMap((answer) => answer.predictions.map((prediction) => prediction.id));
    await waitFor(() => events.filter((event) => event.role === 'shadow').length === answers.length || undefined);
    const shadowEvents = events.filter((event) => event.role === 'shadow');
    expect(shadowEvents.every((event) => event.version === 2)).toBe(true);
    expect(shadowEvents.flatMap((event) => event.ids).sort()).toEqual([...answeredIds].sort());

    const direct = (
      await inference.app.inject({
        method: 'POST',
        url: '/v1/models/topics/versions/2/predict',
        payload: { texts: TEXTS },
      })
    ).json<PredictResponse>();
    const directLabels = direct.predictions.map((prediction) => prediction.label);
    for (const event of shadowEvents) expect(event.predictions.map((outcome) => outcome.label)).toEqual(directLabels);

    const body = await comparison();
    const agreedPerRequest = answers[0]?.predictions.filter((p, index) => p.label === directLabels[index]).length ?? 0;
    expect(figures(body, 2, 'shadow')).toMatchObject({
      requests: 20,
      texts: 60,
      agreement: { referenceVersion: 1, compared: 60, agreed: 20 * agreedPerRequest },
    });
    expect(figures(body, 1, 'production')).toMatchObject({ agreement: null });
    expect(figures(body, 1, 'production')?.requests).toBeGreaterThanOrEqual(20);
    expect(body.offPath).toMatchObject({ scored: 20, skipped: 0, failed: 0 });
  });

  it('answers a sticky share of request keys with the canary and compares it with production', async () => {
    registry.removeAlias('topics', 'shadow');
    registry.moveAlias('topics', 'canary', 2);
    await inference.models.syncAll();
    const listed = (await inference.app.inject({ method: 'GET', url: '/v1/models' })).json<{
      items: { version: number; aliases: string[] }[];
    }>();
    expect(listed.items.some((item) => item.aliases.includes('shadow'))).toBe(false);

    const keys = Array.from({ length: 60 }, (_, index) => `customer-${index}`);
    let canaryTexts = 0;
    for (const key of keys) {
      const expectCanary = canaryPosition('topics', key) < CANARY_SHARE;
      for (let repeat = 0; repeat < 2; repeat += 1) {
        const answer = await predict(TEXTS.slice(0, 1), key);
        expect(answer.route).toBe(expectCanary ? 'canary' : 'production');
        expect(answer.version).toBe(expectCanary ? 2 : 1);
        if (expectCanary) canaryTexts += 1;
      }
    }
    expect(canaryTexts).toBeGreaterThan(0);
    expect(canaryTexts).toBeLessThan(keys.length * 2);

    await waitFor(
      async () => figures(await comparison(), 2, 'canary')?.agreement?.compared === canaryTexts || undefined,
    );
    const canary = figures(await comparison(), 2, 'canary');
    expect(canary).toMatchObject({ requests: canaryTexts, texts: canaryTexts });
    expect(canary?.latencyMs.samples).toBe(canaryTexts);
    expect(canary?.meanConfidence).toBeGreaterThan(0);
  });

  it('stops the canary once it is promoted to production', async () => {
    registry.moveAlias('topics', 'production', 2);
    await inference.models.syncAll();
    for (const key of ['a', 'b', 'c', 'd', 'e', 'f']) {
      expect(await predict(TEXTS, key)).toMatchObject({ version: 2, route: 'production' });
    }
    const listed = (await inference.app.inject({ method: 'GET', url: '/v1/models' })).json<{
      items: { version: number; aliases: string[] }[];
    }>();
    expect(listed.items.filter((item) => item.aliases.length > 0)).toEqual([
      expect.objectContaining({ version: 2, aliases: ['production'] }),
    ]);
  });

  it('answers 404 for the comparison of a model it does not serve', async () => {
    const response = await inference.app.inject({ method: 'GET', url: '/v1/models/unknown/comparison' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'INFERENCE_MODEL_NOT_FOUND' });
  });
});
