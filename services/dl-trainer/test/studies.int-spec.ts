import type { Study } from '@mlops/contracts';
import type { HttpApp } from '@mlops/http';
import { createTestEnvironment, testKeyVerifier, waitFor, withTestKey, type TestEnvironment } from '@mlops/testing';
import { MongoClient } from 'mongodb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadDlTrainerConfig } from '../src/config.js';
import { StudyObjectiveExecutor } from './study-objective-executor.js';

const base = { modelName: 'spam-filter', task: 'spam', dataset: { name: 'spamassassin', version: 1 } };
const space = [
  {
    name: 'lr',
    pointer: '/optimization/learningRate',
    distribution: { kind: 'float', low: 1e-4, high: 1, log: true },
  },
  { name: 'epochs', pointer: '/optimization/epochs', distribution: { kind: 'int', low: 2, high: 6 } },
];

describe('studies: trials as training jobs, state in MongoDB', () => {
  let environment: TestEnvironment;
  let mongo: MongoClient;
  const apps: HttpApp[] = [];

  beforeEach(async () => {
    environment = await createTestEnvironment('dl-trainer studies');
    mongo = await MongoClient.connect(environment.env.MONGO_URL ?? '');
  });

  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
    await mongo.close();
    await environment.dispose();
  });

  async function start(): Promise<{ app: HttpApp; executor: StudyObjectiveExecutor }> {
    const executor = new StudyObjectiveExecutor(() => mongo.db(environment.env.MONGO_DB));
    const config = loadDlTrainerConfig({
      ...environment.env,
      SHUTDOWN_TIMEOUT_MS: '500',
      TRAINING_WORKERS: '2',
      STUDY_POLL_MS: '100',
    });
    const app = withTestKey(await buildApp(config, { executor, keyVerifier: testKeyVerifier }));
    apps.push(app);
    return { app, executor };
  }

  const create = (app: HttpApp, body: object) => app.inject({ method: 'POST', url: '/v1/studies', payload: body });
  const read = async (app: HttpApp, id: string): Promise<Study> =>
    (await app.inject({ method: 'GET', url: `/v1/studies/${id}` })).json<Study>();
  const untilFinished = (app: HttpApp, id: string): Promise<Study> =>
    waitFor(async () => {
      const study = await read(app, id);
      return study.status === 'running' ? undefined : study;
    }, 30_000);

  it('runs a TPE study to its trial budget with two trials at a time, and reports the best trial', async () => {
    const { app, executor } = await start();
    const response = await create(app, {
      base,
      space,
      budget: { trials: 8 },
      sampler: { kind: 'tpe', nStartupTrials: 4 },
      parallelism: 2,
      seed: 5,
    });
    expect(response.statusCode).toBe(201);
    const created = response.json<Study>();
    expect(created).toMatchObject({
      status: 'running',
      modelName: 'spam-filter',
      request: { objective: { metric: 'validationMacroF1' } },
    });

    const study = await untilFinished(app, created.id);
    expect(study.status).toBe('completed');
    expect(study.reason).toBe('trial budget reached');
    expect(study.trialTable.map((t) => t.number)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(executor.executed).toHaveLength(
      study.trialTable.filter((t) => t.state !== 'failed' || t.error?.code === 'TRAINING_DIVERGED').length,
    );
    for (const trial of study.trialTable) {
      expect(trial.config).toMatchObject({
        optimization: { learningRate: trial.params.lr, epochs: trial.params.epochs },
      });
      if (trial.state === 'complete') expect(trial.intermediate.map((p) => p.epoch)).toEqual([1, 2, 3]);
    }
    const completeValues = study.trialTable.flatMap((t) => (t.state === 'complete' ? [t.value ?? NaN] : []));
    expect(study.bestTrial?.value).toBe(Math.max(...completeValues));
    expect(Object.keys(study.importances).sort()).toEqual(['epochs', 'lr']);
    expect(study.parallelCoordinates.axes.map((a) => a.name)).toEqual(['lr', 'epochs', 'objective']);

    const listed = (await app.inject({ method: 'GET', url: '/v1/studies' })).json<{
      items: { id: string; trials: { total: number } }[];
    }>();
    expect(listed.items[0]).toMatchObject({ id: created.id, trials: { total: 8 } });
  }, 60_000);

  it('runs one study on two trainer replicas: each trial number once, jobs spread over both', async () => {
    const first = await start();
    const second = await start();
    const created = (
      await create(first.app, {
        base,
        space,
        budget: { trials: 10 },
        sampler: { kind: 'random' },
        parallelism: 2,
        seed: 3,
      })
    ).json<Study>();
    const study = await untilFinished(second.app, created.id);
    expect(study.status).toBe('completed');
    expect(study.trialTable.map((t) => t.number)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(new Set(study.trialTable.map((t) => t.jobId)).size).toBe(10);
    const jobs = mongo.db(environment.env.MONGO_DB).collection('training_jobs');
    expect(await jobs.countDocuments({ 'request.requestedBy': `study:${created.id}` })).toBe(10);
    const executed = [...first.executor.executed, ...second.executor.executed];
    expect(new Set(executed).size).toBe(executed.length);
    for (const trial of study.trialTable.filter((t) => t.state === 'complete')) expect(executed).toContain(trial.jobId);
    expect(first.executor.executed.length).toBeGreaterThan(0);
    expect(second.executor.executed.length).toBeGreaterThan(0);
  }, 60_000);

  it('records a failing trial with its reason and goes on', async () => {
    const { app } = await start();
    const created = (
      await create(app, {
        base,
        space: [
          { name: 'lr', pointer: '/optimization/learningRate', distribution: { kind: 'float', low: 0.3, high: 0.9 } },
        ],
        budget: { trials: 6 },
        sampler: { kind: 'random' },
        seed: 1,
      })
    ).json<Study>();
    const study = await untilFinished(app, created.id);
    const failed = study.trialTable.filter((t) => t.state === 'failed');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed[0]?.error).toMatchObject({ code: 'TRAINING_DIVERGED' });
    expect(study.trialTable.length).toBe(6);
  }, 60_000);

  it('answers 400 naming the field for an invalid space, an unknown pointer and an empty budget', async () => {
    const { app } = await start();
    const pointers = async (body: object): Promise<string[]> => {
      const response = await create(app, body);
      expect(response.statusCode).toBe(400);
      const problem = response.json<{ errors?: { pointer: string }[] }>();
      return (problem.errors ?? []).map((e) => e.pointer);
    };
    const valid = { base, space, budget: { trials: 2 } };
    expect(
      await pointers({ ...valid, space: [{ ...space[0], distribution: { kind: 'float', low: 1, high: 1 } }] }),
    ).toContain('/body/space/0/distribution/high');
    expect(
      await pointers({
        ...valid,
        space: [{ ...space[0], distribution: { kind: 'float', low: 0, high: 1, log: true } }],
      }),
    ).toContain('/body/space/0/distribution/low');
    expect(await pointers({ ...valid, space: [{ ...space[0], pointer: '/optimization/nope' }] })).toContain(
      '/body/space/0/pointer',
    );
    expect(
      await pointers({
        ...valid,
        space: [
          ...space,
          {
            name: 'x',
            pointer: '/model/hidden',
            distribution: { kind: 'int', low: 1, high: 4 },
            when: { parameter: 'kind', in: ['mlp'] },
          },
        ],
      }),
    ).toContain('/body/space/2/when/parameter');
    expect(await pointers({ ...valid, budget: {} })).toContain('/body/budget/trials');
  }, 60_000);

  it('cancels a study: no new trial, status cancelled, then 409', async () => {
    const { app } = await start();
    const created = (
      await create(app, { base, space, budget: { minutes: 10 }, sampler: { kind: 'random' } })
    ).json<Study>();
    const cancel = await app.inject({ method: 'POST', url: `/v1/studies/${created.id}:cancel` });
    expect(cancel.statusCode).toBe(202);
    const study = await untilFinished(app, created.id);
    expect(study.status).toBe('cancelled');
    expect((await app.inject({ method: 'POST', url: `/v1/studies/${created.id}:cancel` })).statusCode).toBe(409);
  }, 60_000);
});
