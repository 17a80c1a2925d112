import { createHash } from 'node:crypto';
import { EVENTS, modelDriftDetectedEventSchema, type PredictResponse } from '@mlops/contracts';
import type { z } from 'zod';
import { createLogger } from '@mlops/logger';
import { Broker } from '@mlops/messaging';
import { createTestEnvironment, topicCorpus, waitFor, type TestEnvironment } from '@mlops/testing';
import { MongoClient, type Collection } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InferenceApp } from '../src/app.js';
import type { PredictionLogDocument } from '../src/monitoring/prediction-log.repository.js';
import { ServedTopics } from './support/served-topics.js';
import { trainTopicModel } from './support/train-topic-model.js';

type DriftEvent = z.infer<typeof modelDriftDetectedEventSchema>;

interface DriftBody {
  versions: {
    version: number;
    traffic: string;
    window: { size: number; capacity: number };
    status: string;
    statistics: { statistic: string; psi: number; status: string }[];
  }[];
}

interface AccuracyBody {
  versions: {
    version: number;
    role: string;
    logged: number;
    withFeedback: number;
    correct: number;
    accuracy: number | null;
    labels: { label: string; support: number; predicted: number; correct: number; recall: number | null }[];
  }[];
}

/** The training corpus of the served model (seed 1): drift must read these as unchanged. */
const TRAINING_LIKE = topicCorpus(240, 1);
const DRIFT_WINDOW = TRAINING_LIKE.length;
const DRIFT_QUEUE = 'test.model-drift-detected';

/** Long texts made only of words the model never saw. */
const shiftedText = (index: number) => Array.from({ length: 60 }, (_, word) => `zq${index}x${word}vb`).join(' ');

describe('inference monitoring: prediction log, feedback, accuracy, drift', () => {
  let environment: TestEnvironment;
  let topics: ServedTopics;
  let inference: InferenceApp;
  let unsampled: InferenceApp;
  let broker: Broker;
  let mongo: MongoClient;
  let log: Collection<PredictionLogDocument>;
  const driftEvents: DriftEvent[] = [];

  const predictWith = async (app: InferenceApp, texts: readonly string[]) => {
    const response = await app.app.inject({ method: 'POST', url: '/v1/models/topics/predict', payload: { texts } });
    expect(response.statusCode).toBe(200);
    return response.json<PredictResponse>();
  };
  const predict = (texts: readonly string[]) => predictWith(inference, texts);
  const feedback = (id: string, payload: unknown) =>
    inference.app.inject({
      method: 'POST',
      url: `/v1/predictions/${encodeURIComponent(id)}/feedback`,
      payload: payload as Record<string, unknown>,
    });
  const drift = async () => {
    const response = await inference.app.inject({ method: 'GET', url: '/v1/models/topics/drift' });
    expect(response.statusCode).toBe(200);
    return response.json<DriftBody>();
  };
  const served = (body: DriftBody, version: number) =>
    body.versions.find((entry) => entry.version === version && entry.traffic === 'served');
  /** Waits until every answered text of the predictions is in the log (so the intake has measured them). */
  const logged = (answers: readonly PredictResponse[]) => {
    const ids = answers.flatMap((answer) => answer.predictions.map((prediction) => prediction.id));
    return waitFor(async () => {
      const count = await log.countDocuments({ _id: { $in: ids } });
      return count === ids.length ? true : undefined;
    }, 20_000);
  };
  /** Predicts texts in requests of 60 (the request limit in this suite is 64). */
  const predictAll = async (texts: readonly string[]) => {
    const answers: PredictResponse[] = [];
    for (let start = 0; start < texts.length; start += 60) answers.push(await predict(texts.slice(start, start + 60)));
    return answers;
  };

  beforeAll(async () => {
    environment = await createTestEnvironment('inference monitoring');
    topics = await ServedTopics.start(environment, [await trainTopicModel(1), await trainTopicModel(2, 'mlp')]);
    const env = {
      MAX_TEXTS_PER_REQUEST: '64',
      PREDICTION_LOG_FLUSH_MS: '50',
      DRIFT_WINDOW: String(DRIFT_WINDOW),
      DRIFT_MIN_SAMPLES: '200',
      DRIFT_EVENT_COOLDOWN_MS: '0',
    };
    broker = await Broker.connect({
      url: environment.amqpUrl,
      logger: createLogger({ service: 'test', level: 'silent' }),
      connectionName: 'inference-monitoring-test',
      topology: { queues: [{ queue: DRIFT_QUEUE, bindings: [EVENTS.modelDriftDetected] }] },
    });
    await broker.consume({
      queue: DRIFT_QUEUE,
      schema: modelDriftDetectedEventSchema,
      prefetch: 10,
      handler: (event) => {
        driftEvents.push(event);
        return Promise.resolve();
      },
    });
    inference = await topics.build({ ...env, PREDICTION_LOG_SAMPLE_RATE: '1', PREDICTION_LOG_MAX_PER_SECOND: '0' });
    unsampled = await topics.build({ ...env, PREDICTION_LOG_SAMPLE_RATE: '0', PROMOTION_QUEUE: 'inference.unsampled' });
    await Promise.all([inference.models.syncAll(), unsampled.models.syncAll()]);
    mongo = new MongoClient(environment.mongoUrl);
    log = mongo.db(environment.dbName).collection<PredictionLogDocument>('prediction_log');
  }, 180_000);

  afterAll(async () => {
    await topics.close();
    await broker.close();
    await mongo.close();
    await environment.dispose();
  });

  it('logs every text of a request at sample rate 1: ids, version, hash, measurements, top labels', async () => {
    const texts = ['please pay the invoice to the bank account today', 'the flight leaves from gate 4', 'we'];
    const answer = await predict(texts);
    await logged([answer]);
    const documents = await log.find({ _id: { $in: answer.predictions.map((prediction) => prediction.id) } }).toArray();
    const byId = new Map(documents.map((entry) => [entry._id, entry]));
    answer.predictions.forEach((prediction, index) => {
      const entry = byId.get(prediction.id);
      expect(entry).toMatchObject({
        predictionId: prediction.id,
        model: 'topics',
        version: 1,
        role: 'production',
        textSha256: createHash('sha256')
          .update(texts[index] ?? '')
          .digest('hex'),
        textLength: texts[index]?.length,
        label: prediction.label,
        rule: null,
      });
      expect(entry).not.toHaveProperty('text');
      expect(entry?.requestId).toEqual(expect.any(String));
      expect(entry?.latencyMs).toBeGreaterThan(0);
      expect(entry?.outOfVocabularyRate).toBeGreaterThanOrEqual(0);
      expect(entry?.top.map((top) => top.label)).toEqual(prediction.probabilities.map((top) => top.label));
      entry?.top.forEach((top, rank) => expect(top.p).toBeCloseTo(prediction.probabilities[rank]?.p ?? NaN, 6));
    });
    expect(new Set(documents.map((entry) => entry.requestId)).size).toBe(1);
  });

  it('logs nothing at sample rate 0, and feedback on such a prediction is a 404 naming the sample rate', async () => {
    const answer = await predictWith(unsampled, ['please pay the invoice', 'the flight to the airport']);
    const ids = answer.predictions.map((prediction) => prediction.id);
    await topics.closeApp(unsampled);
    expect(await log.countDocuments({ predictionId: { $in: ids } })).toBe(0);
    const response = await feedback(ids[0] ?? '', { label: 'finance' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ code: 'INFERENCE_PREDICTION_NOT_LOGGED' });
    expect(response.json<{ detail: string }>().detail).toContain('PREDICTION_LOG_SAMPLE_RATE is 1');
  });

  it('caps the texts logged per second: sampled requests beyond are left out whole and counted', async () => {
    const capped = await topics.build({
      MAX_TEXTS_PER_REQUEST: '64',
      PREDICTION_LOG_FLUSH_MS: '50',
      PREDICTION_LOG_SAMPLE_RATE: '1',
      PREDICTION_LOG_MAX_PER_SECOND: '5',
      PROMOTION_QUEUE: 'inference.capped',
    });
    await capped.models.syncAll();
    const texts = ['pay the invoice', 'the flight to the airport', 'the bank transfer', 'gate 4 is closed'];
    // A bucket of 5 texts admits the first request (5 → 1) and the second (1 → -3); the third finds it empty.
    const answers = [];
    for (let request = 0; request < 3; request++) answers.push(await predictWith(capped, texts));
    const metrics = (await capped.app.inject({ method: 'GET', url: '/metrics' })).body;
    await topics.closeApp(capped);
    const idsOf = (answer: PredictResponse) => answer.predictions.map((prediction) => prediction.id);
    const [first, second, third] = answers.map(idsOf);
    expect(await log.countDocuments({ _id: { $in: [...(first ?? []), ...(second ?? [])] } })).toBe(8);
    expect(await log.countDocuments({ predictionId: { $in: third ?? [] } })).toBe(0);
    expect(metrics).toMatch(/inference_prediction_log_capped_texts_total\{model="topics"[^}]*\} 4/);
    const response = await feedback(third?.[0] ?? '', { label: 'finance' });
    expect(response.statusCode).toBe(404);
    expect(response.json<{ detail: string }>().detail).toContain('PREDICTION_LOG_MAX_PER_SECOND');
  });

  it('turns feedback into exact live accuracy per version and label', async () => {
    const rows = topicCorpus(30, 11);
    const answers = await predictAll(rows.map((row) => row.text));
    const predictions = answers.flatMap((answer) => answer.predictions);
    const truths = rows.map((row, index) =>
      index % 5 === 0 ? (row.label === 'travel' ? 'health' : 'travel') : row.label,
    );
    for (const [index, prediction] of predictions.entries()) {
      const response = await feedback(prediction.id, { label: truths[index], source: 'annotator' });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({
        id: prediction.id,
        model: 'topics',
        version: 1,
        predicted: prediction.label,
        label: truths[index],
        correct: prediction.label === truths[index],
        outcome: 'recorded',
        previousLabel: null,
        marked: 1,
      });
    }
    const correct = predictions.filter((prediction, index) => prediction.label === truths[index]).length;
    const response = await inference.app.inject({ method: 'GET', url: '/v1/models/topics/accuracy' });
    expect(response.statusCode).toBe(200);
    const body = response.json<AccuracyBody>();
    const production = body.versions.find((entry) => entry.version === 1 && entry.role === 'production');
    expect(production).toMatchObject({ withFeedback: 30, correct, accuracy: correct / 30 });
    expect(production?.logged).toBe(await log.countDocuments({ version: 1, role: 'production' }));
    for (const label of ['finance', 'health', 'travel']) {
      const support = truths.filter((truth) => truth === label).length;
      const hits = predictions.filter((prediction, index) => prediction.label === label && truths[index] === label);
      expect(production?.labels.find((entry) => entry.label === label)).toMatchObject({
        support,
        predicted: predictions.filter((prediction) => prediction.label === label).length,
        correct: hits.length,
        recall: hits.length / support,
      });
    }
    const later = await inference.app.inject({
      method: 'GET',
      url: `/v1/models/topics/accuracy?since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`,
    });
    expect(later.json<AccuracyBody>().versions).toEqual([]);
  });

  it('takes the same label again as a no-op and a different one as a replacement kept in the history', async () => {
    const [prediction] = (await predict(['please pay the invoice to the bank'])).predictions;
    const id = prediction?.id ?? '';
    await waitFor(async () => ((await log.countDocuments({ _id: id })) === 1 ? true : undefined));
    expect((await feedback(id, { label: 'finance' })).json()).toMatchObject({ outcome: 'recorded' });
    const again = await feedback(id, { label: 'finance', source: 'someone else' });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ outcome: 'unchanged', previousLabel: null });
    const replaced = await feedback(id, { label: 'travel' });
    expect(replaced.statusCode).toBe(200);
    expect(replaced.json()).toMatchObject({ outcome: 'replaced', previousLabel: 'finance', label: 'travel' });
    const stored = await log.findOne({ _id: id });
    expect(stored?.feedback).toMatchObject({ label: 'travel', source: null });
    expect(stored?.feedbackHistory).toEqual([expect.objectContaining({ label: 'finance', source: null })]);
  });

  it('marks the shadow copies of a prediction with its feedback', async () => {
    topics.registry.moveAlias('topics', 'shadow', 2);
    await inference.models.syncAll();
    const answer = await predict(['the doctor changed the dose', 'book the hotel near the airport']);
    const id = answer.predictions[0]?.id ?? '';
    await waitFor(async () => ((await log.countDocuments({ predictionId: id })) === 2 ? true : undefined), 20_000);
    const response = await feedback(id, { label: 'health' });
    expect(response.json()).toMatchObject({ outcome: 'recorded', marked: 2 });
    const copies = await log.find({ predictionId: id }).toArray();
    expect(copies.map((entry) => [entry.role, entry.version, entry.feedback?.label]).sort()).toEqual([
      ['production', 1, 'health'],
      ['shadow', 2, 'health'],
    ]);
    topics.registry.removeAlias('topics', 'shadow');
    await inference.models.syncAll();
  });

  it('answers feedback mistakes with 4xx problems naming the field, never a 500', async () => {
    const [prediction] = (await predict(['the flight to the airport'])).predictions;
    const id = prediction?.id ?? '';
    await waitFor(async () => ((await log.countDocuments({ _id: id })) === 1 ? true : undefined));
    const unknown = await feedback('no-such-prediction', { label: 'finance' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json<{ detail: string }>().detail).toContain('PREDICTION_LOG_SAMPLE_RATE');
    const wrongLabel = await feedback(id, { label: 'sports' });
    expect(wrongLabel.statusCode).toBe(400);
    expect(wrongLabel.json()).toMatchObject({
      code: 'INFERENCE_FEEDBACK_LABEL_UNKNOWN',
      errors: [{ pointer: '/body/label' }],
    });
    const cases: [unknown, string][] = [
      [{}, '/body/label'],
      [{ label: 5 }, '/body/label'],
      [{ label: '' }, '/body/label'],
      [{ label: 'finance', source: '' }, '/body/source'],
      [{ label: 'finance', extra: true }, '/body/extra'],
    ];
    for (const [payload, pointer] of cases) {
      const response = await feedback(id, payload);
      expect(response.statusCode).toBe(400);
      expect(response.json<{ errors: { pointer: string }[] }>().errors.map((error) => error.pointer)).toContain(
        pointer,
      );
    }
    const notJson = await inference.app.inject({
      method: 'POST',
      url: `/v1/predictions/${id}/feedback`,
      headers: { 'content-type': 'application/json' },
      payload: '{"label":',
    });
    expect(notJson.statusCode).toBe(400);
    const badSince = await inference.app.inject({ method: 'GET', url: '/v1/models/topics/accuracy?since=yesterday' });
    expect(badSince.statusCode).toBe(400);
    expect(badSince.json()).toMatchObject({ errors: [{ pointer: '/querystring/since' }] });
    const unknownModel = await inference.app.inject({ method: 'GET', url: '/v1/models/nope/drift' });
    expect(unknownModel.statusCode).toBe(404);
    expect((await log.findOne({ _id: id }))?.feedback).toBeUndefined();
  });

  it('reads the training texts as no drift, and a stream of long unknown words as drift, with an event', async () => {
    await logged(await predictAll(TRAINING_LIKE.map((row) => row.text)));
    const steady = served(await drift(), 1);
    expect(steady?.window).toEqual({ size: DRIFT_WINDOW, capacity: DRIFT_WINDOW });
    expect(steady?.status).toBe('ok');
    for (const statistic of steady?.statistics ?? []) expect(statistic.psi).toBeLessThan(0.1);
    expect(driftEvents).toEqual([]);

    const shifted = Array.from({ length: DRIFT_WINDOW }, (_, index) => shiftedText(index));
    await logged(await predictAll(shifted));
    const moved = served(await drift(), 1);
    expect(moved?.status).toBe('drift');
    expect(moved?.statistics.find((entry) => entry.statistic === 'textLength')).toMatchObject({ status: 'drift' });
    expect(moved?.statistics.find((entry) => entry.statistic === 'outOfVocabularyRate')).toMatchObject({
      status: 'drift',
    });
    const event = await waitFor(() => driftEvents.find((entry) => entry.statistic === 'textLength'), 20_000);
    expect(event).toMatchObject({
      model: 'topics',
      version: 1,
      traffic: 'served',
      threshold: 0.25,
      window: expect.any(Number) as number,
    });
    expect(event.psi).toBeGreaterThanOrEqual(0.25);
    const metrics = (await inference.app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).toMatch(/inference_drift_psi\{[^}]*version="1"[^}]*statistic="textLength"[^}]*\} \d/);
    expect(metrics).toMatch(/inference_prediction_log_written_total\{model="topics"[^}]*\} \d+/);
    expect(metrics).toMatch(/inference_feedback_total\{model="topics",outcome="replaced"[^}]*\} 1/);
  });
});
