import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  EVENTS,
  modelRolledBackEventSchema,
  type ModelRolledBackEvent,
  type PredictResponse,
  type RolloutState,
} from '@mlops/contracts';
import type { HttpApp } from '@mlops/http';
import { createLogger } from '@mlops/logger';
import { Broker } from '@mlops/messaging';
import {
  bearer,
  createTestEnvironment,
  freePort,
  TEST_KEYS,
  testKeyVerifier,
  topicCorpus,
  waitFor,
  withTestKey,
  type TestEnvironment,
} from '@mlops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp as buildFeatureStore } from '../../services/feature-store/src/app.js';
import { loadFeatureStoreConfig } from '../../services/feature-store/src/config.js';
import { buildApp as buildInference } from '../../services/inference/src/app.js';
import { loadInferenceConfig } from '../../services/inference/src/config.js';
import { buildApp as buildNlp } from '../../services/nlp/src/app.js';
import { loadNlpConfig } from '../../services/nlp/src/config.js';
import { runMlops } from './support/cli-process.js';
import { startServiceProcess, trainTopicModel, type RunningService } from './support/service-processes.js';
import { importTopicDatasets } from './support/topic-datasets.js';

const ROLLED_BACK_QUEUE = 'test.model-rolled-back';
/** Requests per round of traffic; the rollout is looked at between rounds. */
const ROUND = 10;
const MAX_ROUNDS = 40;

const SPEC = {
  stages: [
    { stage: 'shadow', minRequests: 30 },
    { stage: 'canary', share: 0.5, minRequests: 30 },
  ],
  guardrails: {
    maxErrorRate: 0.01,
    p99LatencyMs: { max: 30_000 },
    liveAccuracy: { minFeedback: 20, maxDropFromProduction: 0.15 },
    agreement: { min: 0.7 },
  },
};

function baseUrl(app: HttpApp): string {
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

describe('progressive rollout end to end: a bad canary is rolled back, a good one promoted', () => {
  let environment: TestEnvironment;
  let nlp: HttpApp;
  let store: HttpApp;
  /** The real dl-trainer, its own process: training worker and model registry. */
  let trainer: RunningService | undefined;
  let trainerUrl = '';
  /** Two inference replicas on the same MongoDB and broker; traffic alternates between them. */
  const replicas: HttpApp[] = [];
  let events: Broker | undefined;
  let cacheDir: string;
  const rolledBack: ModelRolledBackEvent[] = [];
  const model = `rollout-${Date.now().toString(36)}`;
  /** Fresh texts the models never saw, with their true topic. */
  const traffic = topicCorpus(2000, 77);
  let sent = 0;

  const call = async (target: HttpApp | string, path: string, init: { method?: string; body?: unknown } = {}) => {
    const response = await fetch(`${typeof target === 'string' ? target : baseUrl(target)}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        authorization: bearer(),
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    return { status: response.status, body: await response.json() };
  };
  const alias = async (name: string) => {
    const { status, body } = await call(trainerUrl, `/v1/models/${model}/aliases/${name}`);
    return status === 200 ? (body as { version: number }).version : null;
  };
  const first = () => {
    const app = replicas[0];
    if (app === undefined) throw new Error('no inference replica');
    return app;
  };
  const loaded = async (name: string, version: number) => {
    for (const replica of replicas) {
      const { body } = await call(replica, '/v1/models');
      const items = (body as { items: { version: number; aliases: string[] }[] }).items;
      if (!items.some((item) => item.version === version && item.aliases.includes(name))) return undefined;
    }
    return true;
  };
  const rollout = async () => (await call(first(), `/v1/models/${model}/rollout`)).body as RolloutState;
  const scoredOffPath = async (replica: HttpApp) =>
    ((await call(replica, `/v1/models/${model}/comparison`)).body as { offPath: { scored: number } }).offPath.scored;

  /** Builds an inference replica (a restart when `queue` was used before). */
  const startReplica = async (queue: string) => {
    const replica = withTestKey(
      await buildInference(
        loadInferenceConfig({
          ...environment.env,
          REGISTRY_URL: trainerUrl,
          MODELS: model,
          MODEL_CACHE_DIR: cacheDir,
          PROMOTION_QUEUE: queue,
          PREDICTION_LOG_SAMPLE_RATE: '1',
          PREDICTION_LOG_MAX_PER_SECOND: '0',
          PREDICTION_LOG_FLUSH_MS: '100',
          ROLLOUT_TICK_MS: '200',
          ROLLOUT_LEASE_MS: '3000',
        }),
        { keyVerifier: testKeyVerifier },
      ),
    );
    await replica.listen({ host: '127.0.0.1', port: 0 });
    await waitFor(async () => ((await fetch(`${baseUrl(replica)}/readyz`)).ok ? true : undefined), 30_000);
    return replica;
  };

  /** One round of traffic: predictions with routing keys, then the true label of each as feedback. */
  const round = async (stage: RolloutState['stage']) => {
    const answers: { replica: HttpApp; id: string; label: string; route: string }[] = [];
    const before = await Promise.all(replicas.map(scoredOffPath));
    for (let index = 0; index < ROUND; index += 1) {
      const row = traffic[sent % traffic.length];
      const replica = replicas[sent % replicas.length] ?? first();
      sent += 1;
      if (row === undefined) throw new Error('no traffic row');
      const response = await fetch(`${baseUrl(replica)}/v1/models/${model}/predict`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: bearer(), 'x-routing-key': `user-${sent}` },
        body: JSON.stringify({ texts: [row.text] }),
      });
      expect(response.status).toBe(200);
      const answer = (await response.json()) as PredictResponse;
      answers.push({ replica, id: answer.predictions[0]?.id ?? '', label: row.label, route: answer.route });
    }
    // Shadow and canary copies are scored off the request path: label once they are, so the
    // feedback reaches the shadow copies too.
    const copied = stage === 'shadow' ? 'production' : 'canary';
    const copiesOn = (replica: HttpApp) =>
      answers.filter((answer) => answer.replica === replica && answer.route === copied).length;
    // A stage change during the round leaves fewer copies: then the wait ends at its bound.
    await waitFor(async () => {
      const scored = await Promise.all(replicas.map(scoredOffPath));
      return replicas.every((replica, index) => (scored[index] ?? 0) >= (before[index] ?? 0) + copiesOn(replica))
        ? true
        : undefined;
    }, 5000).catch(() => undefined);
    for (const answer of answers) {
      const feedback = await call(answer.replica, `/v1/predictions/${answer.id}/feedback`, {
        method: 'POST',
        body: { label: answer.label, source: 'rollout-e2e' },
      });
      expect(feedback.status).toBe(200);
    }
  };
  const driveUntil = async (done: (state: RolloutState) => boolean): Promise<RolloutState> => {
    let state = await rollout();
    for (let rounds = 0; rounds < MAX_ROUNDS && !done(state); rounds += 1) {
      await round(state.stage);
      state = await rollout();
    }
    return state;
  };
  const driveUntilDecided = () => driveUntil((state) => state.status !== 'running');

  /** Trains a version of the model for real: a training job on dl-trainer over RabbitMQ, on a frozen dataset version. */
  const train = (task: 'topic' | 'shuffled', seed: number) =>
    trainTopicModel(trainerUrl, { model, task, dataset: `${model}-${task === 'topic' ? 'true' : 'shuffled'}`, seed });

  beforeAll(async () => {
    environment = await createTestEnvironment('rollout e2e');
    nlp = withTestKey(await buildNlp(loadNlpConfig({ LOG_LEVEL: 'silent' }), { keyVerifier: testKeyVerifier }));
    await nlp.listen({ host: '127.0.0.1', port: 0 });
    store = withTestKey(
      await buildFeatureStore(
        loadFeatureStoreConfig({ ...environment.env, NLP_URL: baseUrl(nlp), PROCESSING_WORKERS: '2' }),
        { keyVerifier: testKeyVerifier },
      ),
    );
    await store.listen({ host: '127.0.0.1', port: 0 });
    await importTopicDatasets(store, model, 180);
    trainer = await startServiceProcess('dl-trainer', await freePort(), {
      ...environment.env,
      LOG_LEVEL: 'info',
      FEATURE_STORE_URL: baseUrl(store),
    });
    trainerUrl = trainer.url;
    // v1 (production) and v2 on the true labels, v3 on the shuffled labels.
    await train('topic', 1);
    await train('topic', 2);
    await train('shuffled', 3);
    const promoted = await call(trainerUrl, `/v1/models/${model}/aliases/production`, {
      method: 'PUT',
      body: { version: 1, reason: 'rollout e2e: first production' },
    });
    expect(promoted.status).toBe(200);
    events = await Broker.connect({
      url: environment.amqpUrl,
      logger: createLogger({ service: 'test', level: 'silent' }),
      connectionName: 'rollout-e2e-events',
      topology: { queues: [{ queue: ROLLED_BACK_QUEUE, bindings: [EVENTS.modelRolledBack] }] },
    });
    await events.consume({
      queue: ROLLED_BACK_QUEUE,
      schema: modelRolledBackEventSchema,
      prefetch: 10,
      handler: (event) => {
        rolledBack.push(event);
        return Promise.resolve();
      },
    });
    cacheDir = await mkdtemp(join(tmpdir(), 'rollout-e2e-cache-'));
    replicas.push(await startReplica('inference.rollout-a'), await startReplica('inference.rollout-b'));
  }, 300_000);

  afterAll(async () => {
    for (const replica of replicas) await replica.close();
    await events?.close();
    await trainer?.stop();
    await store.close();
    await nlp.close();
    await rm(cacheDir, { recursive: true, force: true });
    await environment.dispose();
  });

  it('refuses a contradictory rollout naming the field', async () => {
    const refused = await call(first(), `/v1/models/${model}/rollout`, {
      method: 'POST',
      body: {
        version: 2,
        stages: [
          { stage: 'canary', share: 0.1, minRequests: 10 },
          { stage: 'shadow', minRequests: 10 },
        ],
        guardrails: { liveAccuracy: { minFeedback: 50, min: 0.5 } },
      },
    });
    expect(refused.status).toBe(400);
    const pointers = (refused.body as { errors: { pointer: string }[] }).errors.map((error) => error.pointer);
    expect(pointers).toEqual(
      expect.arrayContaining(['/body/stages/1/stage', '/body/guardrails/liveAccuracy/minFeedback']),
    );
  });

  it('rolls back the model trained on shuffled labels, with the reason, the figures and model.rolled-back', async () => {
    const started = await call(first(), `/v1/models/${model}/rollout`, {
      method: 'POST',
      body: { version: 3, reason: 'candidate trained on shuffled labels', ...SPEC },
    });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ status: 'running', stage: 'shadow', version: 3, productionVersion: 1 });
    await waitFor(() => loaded('shadow', 3), 20_000);
    const running = await call(first(), `/v1/models/${model}/rollout`, { method: 'POST', body: { version: 2 } });
    expect(running.status).toBe(409);

    const state = await driveUntilDecided();
    expect(state.status).toBe('rolled-back');
    expect(state.stage).toBe('shadow');
    const last = state.history.at(-1);
    expect(last).toMatchObject({ event: 'rolled-back', stage: 'shadow' });
    expect(last?.reason).toMatch(/guardrail failed in shadow: .*(agreement|liveAccuracy)/);
    const failed = last?.guardrails.filter((check) => check.status === 'fail') ?? [];
    expect(failed.length).toBeGreaterThan(0);
    for (const check of failed) expect(check.value).not.toBeNull();
    expect(last?.figures?.requests).toBeGreaterThanOrEqual(30);

    expect(await alias('shadow')).toBeNull();
    expect(await alias('production')).toBe(1);
    await waitFor(() => (rolledBack.some((event) => event.rolloutId === state.id) ? true : undefined), 20_000);
    expect(rolledBack.find((event) => event.rolloutId === state.id)).toMatchObject({
      name: model,
      version: 3,
      productionVersion: 1,
      stage: 'shadow',
      cause: 'guardrail',
    });
  });

  it('promotes the model trained on true labels through shadow and canary to production', async () => {
    const started = await call(first(), `/v1/models/${model}/rollout`, {
      method: 'POST',
      body: { version: 2, reason: 'candidate trained on true labels', ...SPEC },
    });
    expect(started.status).toBe(201);
    await waitFor(() => loaded('shadow', 2), 20_000);

    // The shadow stage passes on traffic counted by both replicas; then one replica restarts
    // mid-rollout, and the rollout goes on from MongoDB (its stage, its counters, the lease).
    const canary = await driveUntil((current) => current.stage !== 'shadow');
    expect(canary).toMatchObject({ status: 'running', stage: 'canary' });
    const shadowCounts = canary.history.find((entry) => entry.event === 'advanced')?.figures?.requests ?? 0;
    expect(shadowCounts).toBeGreaterThanOrEqual(30);
    const shadowRequestsOf = async (replica: HttpApp) => {
      const { body } = await call(replica, `/v1/models/${model}/comparison`);
      const versions = (body as { versions: { version: number; role: string; requests: number }[] }).versions;
      return versions.find((entry) => entry.version === 2 && entry.role === 'shadow')?.requests ?? 0;
    };
    const perReplica = await Promise.all(replicas.map(shadowRequestsOf));
    // Each replica saw fewer shadow requests than the stage needed: the decision summed both.
    for (const count of perReplica) expect(count).toBeLessThan(shadowCounts);
    expect(perReplica.reduce((sum, count) => sum + count, 0)).toBeGreaterThanOrEqual(shadowCounts);
    await replicas.shift()?.close();
    replicas.unshift(await startReplica('inference.rollout-a'));
    await waitFor(() => loaded('canary', 2), 20_000);
    expect(await rollout()).toMatchObject({ id: canary.id, status: 'running', stage: 'canary' });

    const state = await driveUntilDecided();
    expect(state.history.map((entry) => entry.event)).toEqual(['started', 'advanced', 'promoted']);
    expect(state).toMatchObject({ status: 'promoted', stage: 'production' });
    const checks = state.history.at(-1)?.guardrails ?? [];
    expect(checks.find((check) => check.name === 'agreement')).toMatchObject({ status: 'pass' });
    expect(checks.find((check) => check.name === 'liveAccuracy')).toMatchObject({ status: 'pass' });

    expect(await alias('production')).toBe(2);
    expect(await alias('canary')).toBeNull();
    expect(await alias('shadow')).toBeNull();
    expect(rolledBack.some((event) => event.version === 2)).toBe(false);
  });

  it('starts, shows and aborts a rollout from the CLI: the candidate leaves its canary, production stays', async () => {
    const cli = (args: readonly string[]) =>
      runMlops(args, { MLOPS_INFERENCE_URL: baseUrl(first()), MLOPS_API_KEY: TEST_KEYS.admin, NO_COLOR: '1' });
    const refused = await cli(['rollout', 'start', model, '--model-version', '3', '--canary-share', '1.5']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('/body/stages/1/share');

    const started = await cli([
      'rollout',
      'start',
      model,
      '--model-version',
      '3',
      '--no-shadow',
      '--canary-share',
      '0.2',
    ]);
    expect(started.code).toBe(0);
    expect(started.stdout).toMatch(/running, stage canary \(0\/200 requests\)/);
    await waitFor(() => loaded('canary', 3), 20_000);

    const shown = await cli(['rollout', 'show', model]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('started');

    const aborted = await cli(['rollout', 'abort', model, '--reason', 'operator changed their mind']);
    expect(aborted.code).toBe(0);
    expect(aborted.stdout).toMatch(/aborted, stage canary/);
    expect(aborted.stdout).toContain('operator changed their mind');
    expect(await alias('canary')).toBeNull();
    expect(await alias('production')).toBe(2);
    await waitFor(() => (rolledBack.some((event) => event.cause === 'abort') ? true : undefined), 20_000);
  });
});
