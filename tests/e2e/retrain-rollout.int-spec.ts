import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { retrainingRoutes, type RolloutState, type ScheduleCreate } from '@mlops/contracts';
import { createServiceClient, UpstreamError } from '@mlops/clients';
import type { HttpApp } from '@mlops/http';
import {
  bearer,
  createTestEnvironment,
  freePort,
  TEST_KEYS,
  testKeyVerifier,
  waitFor,
  withTestKey,
  type TestEnvironment,
} from '@mlops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp as buildFeatureStore } from '../../services/feature-store/src/app.js';
import { loadFeatureStoreConfig } from '../../services/feature-store/src/config.js';
import { buildApp as buildNlp } from '../../services/nlp/src/app.js';
import { loadNlpConfig } from '../../services/nlp/src/config.js';
import { startServiceProcess, trainTopicModel, type RunningService } from './support/service-processes.js';
import { runMlops } from './support/cli-process.js';
import { importTopicDatasets } from './support/topic-datasets.js';

/*
 * A promotion policy with a `rollout`, with the real dl-trainer and inference as their own
 * processes: production is a model trained on shuffled labels; the schedule's tick trains a
 * better one, and instead of moving production it starts a progressive rollout in inference,
 * recorded in the decision with the rollout's id.
 */

const baseUrl = (app: HttpApp): string => `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

describe('scheduled retraining with a rollout policy: the promotion starts a rollout in inference', () => {
  let environment: TestEnvironment;
  let nlp: HttpApp;
  let store: HttpApp;
  let trainer: RunningService | undefined;
  let inference: RunningService | undefined;
  let cacheDir: string;
  const model = `retrain-rollout-${Date.now().toString(36)}`;
  const retraining = () =>
    createServiceClient(retrainingRoutes, { baseUrl: trainer?.url ?? '', apiKey: TEST_KEYS.admin });
  const get = async (url: string): Promise<{ status: number; body: unknown }> => {
    const response = await fetch(url, { headers: { authorization: bearer() } });
    return { status: response.status, body: await response.json() };
  };
  const schedule = (policy: unknown): ScheduleCreate =>
    ({
      modelName: model,
      cron: '0 3 * * *',
      timezone: 'UTC',
      dataset: { name: `${model}-true`, mode: 'latest' },
      holdout: { name: `${model}-true`, version: 1 },
      training: {
        kind: 'job',
        request: { task: 'topic', seed: 2, config: { model: { kind: 'linear' }, data: { minRows: 20 } } },
      },
      policy,
    }) as ScheduleCreate;

  beforeAll(async () => {
    environment = await createTestEnvironment('retrain rollout e2e');
    nlp = withTestKey(await buildNlp(loadNlpConfig({ LOG_LEVEL: 'silent' }), { keyVerifier: testKeyVerifier }));
    await nlp.listen({ host: '127.0.0.1', port: 0 });
    store = withTestKey(
      await buildFeatureStore(
        loadFeatureStoreConfig({ ...environment.env, NLP_URL: baseUrl(nlp), PROCESSING_WORKERS: '2' }),
        { keyVerifier: testKeyVerifier },
      ),
    );
    await store.listen({ host: '127.0.0.1', port: 0 });
    await importTopicDatasets(store, model, 120);
    const [trainerPort, inferencePort] = [await freePort(), await freePort()];
    const common = { ...environment.env, LOG_LEVEL: 'info', FEATURE_STORE_URL: baseUrl(store) };
    trainer = await startServiceProcess('dl-trainer', trainerPort, {
      ...common,
      INFERENCE_URL: `http://127.0.0.1:${inferencePort}`,
      SCHEDULE_POLL_MS: '500',
    });
    await trainTopicModel(trainer.url, { model, task: 'shuffled', dataset: `${model}-shuffled`, seed: 1 });
    const production = await fetch(`${trainer.url}/v1/models/${model}/aliases/production`, {
      method: 'PUT',
      headers: { authorization: bearer(), 'content-type': 'application/json' },
      body: JSON.stringify({ version: 1, reason: 'retrain rollout e2e: a production trained on shuffled labels' }),
    });
    expect(production.status).toBe(200);
    cacheDir = await mkdtemp(join(tmpdir(), 'retrain-rollout-cache-'));
    inference = await startServiceProcess('inference', inferencePort, {
      ...common,
      REGISTRY_URL: trainer.url,
      MODELS: model,
      MODEL_CACHE_DIR: cacheDir,
      ROLLOUT_TICK_MS: '500',
    });
  }, 400_000);

  afterAll(async () => {
    await inference?.stop();
    await trainer?.stop();
    await store.close();
    await nlp.close();
    await rm(cacheDir, { recursive: true, force: true });
    await environment.dispose();
  });

  it('refuses a rollout on a manual policy and an invalid rollout, naming the field', async () => {
    const pointersOf = async (policy: unknown): Promise<string[]> => {
      const error = await retraining()
        .schedules.create({ body: schedule(policy) })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(UpstreamError);
      expect((error as UpstreamError).status).toBe(400);
      return (error as UpstreamError).fieldErrors.map((field) => field.pointer);
    };
    expect(await pointersOf({ mode: 'manual', rollout: {} })).toContain('/body/policy/rollout');
    const stages = [
      { stage: 'canary', share: 0.1, minRequests: 10 },
      { stage: 'shadow', minRequests: 10 },
    ];
    expect(await pointersOf({ rollout: { stages } })).toContain('/body/policy/rollout/stages/1/stage');
  });

  it('a tick whose policy has a rollout starts it in inference and records it; production stays', async () => {
    const client = retraining();
    const created = await client.schedules.create({
      body: schedule({
        minImprovement: 0.05,
        rollout: { stages: [{ stage: 'shadow', minRequests: 50 }], guardrails: { agreement: { min: 0.8 } } },
      }),
    });
    const asked = await client.schedules.runNow({ params: { id: created.id } });
    const tick = await waitFor(
      async () =>
        (await client.schedules.ticks({ params: { id: created.id } })).items.find(
          (item) => item.id === asked.id && item.state !== 'running',
        ),
      300_000,
      500,
    );
    expect(tick).toMatchObject({ state: 'succeeded', modelVersion: 2 });
    const decision = (await client.decisions.list({ params: { name: model } })).items.find(
      (item) => item.id === tick.decisionId,
    );
    expect(decision).toMatchObject({
      kind: 'automatic',
      action: 'rollout-started',
      version: 2,
      previousProduction: 1,
      alias: 'shadow',
      rollout: { stage: 'shadow', status: 'running' },
    });
    expect(decision?.figures?.macroF1Gain).toBeGreaterThan(0.05);
    expect(decision?.reason).toMatch(/rollout [0-9a-f-]{36} started \(shadow → production\)/);
    expect(tick.reason).toMatch(/^rollout-started v2: /);

    const rollout = await get(`${inference?.url ?? ''}/v1/models/${model}/rollout`);
    const state = rollout.body as RolloutState;
    expect(rollout.status).toBe(200);
    expect(state).toMatchObject({
      id: decision?.rollout?.id,
      version: 2,
      productionVersion: 1,
      status: 'running',
      stage: 'shadow',
      spec: { stages: [{ stage: 'shadow', minRequests: 50 }], guardrails: { agreement: { min: 0.8 } } },
    });
    expect(state.history[0]?.reason).toMatch(new RegExp(`retraining tick ${tick.id}`));
    const alias = async (name: string) =>
      ((await get(`${trainer?.url ?? ''}/v1/models/${model}/aliases/${name}`)).body as { version: number }).version;
    expect(await alias('production')).toBe(1);
    expect(await alias('shadow')).toBe(2);

    const env = {
      MLOPS_TRAINER_URL: trainer?.url ?? '',
      MLOPS_API_KEY: TEST_KEYS.admin,
      NO_COLOR: '1',
      COLUMNS: '160',
    };
    const shown = await runMlops(['schedules', 'show', created.id], env);
    expect(shown.stdout).toContain('promotes through a rollout in inference: shadow → production');
    const decisions = await runMlops(['models', 'decisions', model], env);
    expect(decisions.stdout.replaceAll('│', ' ')).toMatch(/automatic\s+rollout-started\s+v2\s+v1/);
    expect(decisions.stdout).toContain(
      `rollout of ${tick.decisionId ?? ''}: ${state.id} (mlops rollout show ${model})`,
    );
    if (process.env.RETRAIN_ROLLOUT_PRINT) process.stdout.write(`${shown.stdout}\n${decisions.stdout}\n`);
  }, 400_000);
});
