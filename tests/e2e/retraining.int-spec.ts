import type { AddressInfo } from 'node:net';
import type { PromotionDecision, Schedule, ScheduleTick } from '@mlops/contracts';
import { retrainingRoutes } from '@mlops/contracts';
import { createServiceClient, type ServiceClient } from '@mlops/clients';
import type { HttpApp } from '@mlops/http';
import { createMlopsClient, UpstreamError, type MlopsClient } from '@mlops/sdk';
import {
  createTestEnvironment,
  freePort,
  testKeyVerifier,
  TEST_KEYS,
  waitFor,
  withTestKey,
  type TestEnvironment,
} from '@mlops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp as buildTrainer } from '../../services/dl-trainer/src/app.js';
import { loadDlTrainerConfig } from '../../services/dl-trainer/src/config.js';
import { buildApp as buildFeatureStore } from '../../services/feature-store/src/app.js';
import { loadFeatureStoreConfig } from '../../services/feature-store/src/config.js';
import { multipartBody } from '../../services/feature-store/test/multipart-body.js';
import { buildApp as buildNlp } from '../../services/nlp/src/app.js';
import { loadNlpConfig } from '../../services/nlp/src/config.js';
import { buildApp as buildReporter } from '../../services/reporter/src/app.js';
import { loadReporterConfig } from '../../services/reporter/src/config.js';
import { runMlops } from './support/cli-process.js';

/*
 * The Done-when of scheduled retraining, with the real dl-trainer, feature-store (and nlp),
 * reporter, RabbitMQ and MongoDB: a schedule's cron tick freezes the training dataset, trains,
 * and promotes the model by itself (no production yet); new documents whose labels are permuted
 * make the next tick's model really worse on the fixed reference holdout, so it stays `candidate`
 * with the reporter's comparison report and a recorded decision; a tick on unchanged data is
 * skipped with its reason; manual moves need a reason and are recorded too.
 */

const baseUrl = (app: HttpApp): string => `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

const CLASSES = {
  fauna: ['wolf', 'otter', 'heron', 'badger', 'lynx', 'beaver', 'falcon', 'salmon', 'viper', 'moose', 'ferret', 'owl'],
  cuisine: [
    'bread',
    'cheese',
    'pasta',
    'soup',
    'pepper',
    'garlic',
    'butter',
    'olive',
    'tomato',
    'rice',
    'honey',
    'onion',
  ],
  tooling: [
    'hammer',
    'wrench',
    'chisel',
    'drill',
    'saw',
    'pliers',
    'spanner',
    'lathe',
    'rasp',
    'vise',
    'mallet',
    'file',
  ],
} as const;
type ClassName = keyof typeof CLASSES;
const NOISE = ['the', 'a', 'near', 'with', 'often', 'some', 'every', 'under', 'their', 'quite', 'later', 'again'];
/** The labels the new documents get: each class's texts labelled as the next class. */
const PERMUTED: Record<ClassName, ClassName> = { fauna: 'cuisine', cuisine: 'tooling', tooling: 'fauna' };

let seed = 7;
const random = (): number => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

/** JSON Lines of `perClass` texts of every class, each unique, labelled by `labelOf`. */
function corpus(split: string, batch: number, perClass: number, labelOf: (c: ClassName) => ClassName): string {
  const lines: string[] = [];
  for (const name of Object.keys(CLASSES) as ClassName[]) {
    for (let i = 0; i < perClass; i++) {
      const words = [
        ...Array.from({ length: 5 }, () => pick(CLASSES[name])),
        ...Array.from({ length: 5 }, () => pick(NOISE)),
      ].sort(() => random() - 0.5);
      lines.push(
        JSON.stringify({
          text: `${words.join(' ')} item ${split} ${batch} ${name} ${i}`,
          labels: { topic: labelOf(name) },
          metadata: { split, batch },
        }),
      );
    }
  }
  return lines.join('\n');
}

describe('scheduled retraining end to end: promote a better model, keep a worse one as candidate', () => {
  let environment: TestEnvironment;
  let nlp: HttpApp;
  let store: HttpApp;
  let trainer: HttpApp;
  let reporter: HttpApp;
  let mlops: MlopsClient;
  let retraining: ServiceClient<typeof retrainingRoutes>;
  let schedule: Schedule;
  const suffix = Date.now().toString(36);
  const model = `topics-${suffix}`;
  let documents = 0;

  const importLines = async (lines: string): Promise<void> => {
    const body = multipartBody([
      {
        kind: 'file',
        name: 'file',
        filename: 'topics.jsonl',
        type: 'application/x-ndjson',
        content: Buffer.from(lines),
      },
    ]);
    expect((await store.inject({ method: 'POST', url: '/v1/imports', ...body })).statusCode).toBe(200);
    documents += lines.split('\n').length;
    await waitFor(async () => {
      let ready = 0;
      let cursor: string | undefined;
      do {
        const page = (
          await store.inject({
            method: 'GET',
            url: `/v1/documents?task=topic&status=ready&limit=200${cursor ? `&cursor=${cursor}` : ''}`,
          })
        ).json<{ items: unknown[]; nextCursor?: string }>();
        ready += page.items.length;
        cursor = page.nextCursor;
      } while (cursor);
      return ready === documents ? true : undefined;
    }, 180_000);
  };
  const untilTickEnds = (predicate: (tick: ScheduleTick) => boolean): Promise<ScheduleTick> =>
    waitFor(
      async () => {
        const ticks = await retraining.schedules.ticks({ params: { id: schedule.id } });
        return ticks.items.find((tick) => predicate(tick) && tick.state !== 'running');
      },
      300_000,
      500,
    );
  const decisionOf = async (id: string | undefined): Promise<PromotionDecision | undefined> =>
    (await retraining.decisions.list({ params: { name: model } })).items.find((d) => d.id === id);

  beforeAll(async () => {
    environment = await createTestEnvironment('retraining e2e');
    nlp = withTestKey(await buildNlp(loadNlpConfig({ LOG_LEVEL: 'silent' }), { keyVerifier: testKeyVerifier }));
    await nlp.listen({ host: '127.0.0.1', port: 0 });
    store = withTestKey(
      await buildFeatureStore(
        loadFeatureStoreConfig({ ...environment.env, NLP_URL: baseUrl(nlp), PROCESSING_WORKERS: '4' }),
        { keyVerifier: testKeyVerifier },
      ),
    );
    await store.listen({ host: '127.0.0.1', port: 0 });
    const reporterPort = await freePort();
    trainer = withTestKey(
      await buildTrainer(
        loadDlTrainerConfig({
          ...environment.env,
          FEATURE_STORE_URL: baseUrl(store),
          REPORTER_URL: `http://127.0.0.1:${reporterPort}`,
          SCHEDULE_POLL_MS: '500',
        }),
        { keyVerifier: testKeyVerifier },
      ),
    );
    await trainer.listen({ host: '127.0.0.1', port: 0 });
    reporter = withTestKey(
      await buildReporter(
        loadReporterConfig({
          ...environment.env,
          REGISTRY_URL: baseUrl(trainer),
          FEATURE_STORE_URL: baseUrl(store),
          PUBLIC_URL: `http://127.0.0.1:${reporterPort}`,
        }),
        { keyVerifier: testKeyVerifier },
      ),
    );
    await reporter.listen({ host: '127.0.0.1', port: reporterPort });
    mlops = createMlopsClient({
      trainerUrl: baseUrl(trainer),
      featureStoreUrl: baseUrl(store),
      apiKey: TEST_KEYS.admin,
    });
    retraining = createServiceClient(retrainingRoutes, { baseUrl: baseUrl(trainer), apiKey: TEST_KEYS.admin });

    await importLines(corpus('holdout', 0, 15, (name) => name) + '\n' + corpus('train', 1, 30, (name) => name));
    await mlops.featureStore.datasets.create({
      body: { name: `${model}-holdout`, task: 'topic', filter: { metadata: { split: 'holdout' } } },
    });
    await mlops.featureStore.datasets.freeze({ params: { name: `${model}-holdout` } });
    await mlops.featureStore.datasets.create({
      body: { name: `${model}-train`, task: 'topic', filter: { metadata: { split: 'train' } } },
    });
  }, 400_000);

  // Closing drains what is in flight: the reporter may still be rendering the run reports of the
  // study's trials (a minute under CI load), and the trainer's loop finishes its current step first.
  afterAll(async () => {
    await trainer.close();
    await reporter.close();
    await store.close();
    await nlp.close();
    await environment.dispose();
  }, 240_000);

  it('a cron tick freezes, trains and promotes the first model by itself', async () => {
    schedule = await retraining.schedules.create({
      body: {
        modelName: model,
        cron: '* * * * *',
        timezone: 'Europe/Paris',
        dataset: { name: `${model}-train`, mode: 'freeze' },
        holdout: { name: `${model}-holdout`, version: 1 },
        training: {
          kind: 'job',
          request: {
            task: 'topic',
            seed: 3,
            config: { featurizer: { wordNgrams: { buckets: 2048 } }, data: { minRows: 20 } },
          },
        },
        policy: { minImprovement: 0.01, maxClassDrop: 0.05 },
      },
    });
    const first = await untilTickEnds((tick) => tick.trigger === 'cron');
    expect(first).toMatchObject({ state: 'succeeded', datasetVersion: 1, modelVersion: 1 });
    // Later cron ticks find the same data: no more training until it changes.
    await retraining.schedules.pause({ params: { id: schedule.id }, body: { reason: 'adding documents' } });
    const decision = await decisionOf(first.decisionId);
    expect(decision).toMatchObject({ kind: 'automatic', action: 'promoted', version: 1, previousProduction: null });
    expect(decision?.figures?.candidate.macroF1).toBeGreaterThan(0.9);
    const production = await mlops.registry.aliases.resolve({ params: { name: model, alias: 'production' } });
    expect(production).toMatchObject({ version: 1, movedBy: `schedule:${schedule.id}` });
  }, 400_000);

  it('new documents with permuted labels make a worse model: it stays candidate with its comparison report', async () => {
    await importLines(corpus('train', 2, 60, (name) => PERMUTED[name]));
    const asked = await retraining.schedules.runNow({ params: { id: schedule.id } });
    const second = await untilTickEnds((tick) => tick.id === asked.id);
    expect(second).toMatchObject({ state: 'succeeded', modelVersion: 2 });
    const decision = await decisionOf(second.decisionId);
    expect(decision).toMatchObject({ kind: 'automatic', action: 'kept-candidate', version: 2, previousProduction: 1 });
    const figures = decision?.figures;
    expect(figures?.production?.version).toBe(1);
    expect(figures?.candidate.macroF1).toBeLessThan((figures?.production?.macroF1 ?? 0) - 0.01);
    expect(figures?.candidate.examples).toBe(45);
    expect(figures?.testSplitMacroF1?.candidate).toBeGreaterThan(0);
    expect(figures?.testSplitMacroF1?.production).toBeGreaterThan(0.9);
    expect(decision?.reason).toMatch(/gain below the required 1.00 pts/);
    expect(decision?.comparisonReport).toMatchObject({ a: 1, b: 2 });
    expect(decision?.comparisonReport?.error).toBeUndefined();
    expect(decision?.comparisonReport?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(decision?.comparisonReport?.size).toBeGreaterThan(1000);
    const aliases = await mlops.registry.models.get({ params: { name: model } });
    expect(aliases.aliases).toMatchObject({ production: 1, candidate: 2 });
  }, 400_000);

  it('skips a tick whose data did not change, with its reason', async () => {
    const asked = await retraining.schedules.runNow({ params: { id: schedule.id } });
    const tick = await untilTickEnds((candidate) => candidate.id === asked.id);
    expect(tick.state).toBe('skipped');
    expect(tick.reason).toMatch(/holds the same data as v\d+, trained last/);
  }, 200_000);

  it('records manual moves, which need a reason, as decisions', async () => {
    const refused = await mlops.registry.aliases
      .put({ params: { name: model, alias: 'production' }, body: { version: 2, reason: ' ' } })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(UpstreamError);
    expect((refused as UpstreamError).status).toBe(400);
    await mlops.registry.aliases.put({
      params: { name: model, alias: 'production' },
      body: { version: 2, reason: 'trying the candidate' },
    });
    await mlops.registry.aliases.put({
      params: { name: model, alias: 'production' },
      body: { version: 1, reason: 'the candidate confuses every class' },
    });
    const decisions = (await retraining.decisions.list({ params: { name: model } })).items;
    expect(decisions.slice(0, 2)).toMatchObject([
      {
        kind: 'manual',
        action: 'rolled-back',
        version: 1,
        previousProduction: 2,
        reason: 'the candidate confuses every class',
      },
      { kind: 'manual', action: 'promoted', version: 2, previousProduction: 1, reason: 'trying the candidate' },
    ]);
  });

  it('shows the schedule, its ticks and the decisions in the CLI; promote and rollback need --reason', async () => {
    const env = { MLOPS_TRAINER_URL: baseUrl(trainer), MLOPS_API_KEY: TEST_KEYS.admin, NO_COLOR: '1', COLUMNS: '160' };
    const decisions = await runMlops(['models', 'decisions', model], env);
    expect(decisions.code).toBe(0);
    const rows = decisions.stdout.replaceAll('│', ' ');
    expect(rows).toMatch(/automatic\s+kept-candidate\s+v2\s+v1\s+\d+\.\d% vs \d+\.\d%/);
    expect(rows).toMatch(/automatic\s+promoted\s+v1\s+-/);
    expect(rows).toMatch(/manual\s+rolled-back\s+v1\s+v2/);
    expect(decisions.stdout).toContain('compare.pdf?model=');
    const shown = await runMlops(['schedules', 'show', schedule.id], env);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(`for model ${model}`);
    expect(shown.stdout).toContain('skipped');
    const json = await runMlops(['--json', 'schedules', 'list'], env);
    expect(JSON.parse(json.stdout)).toEqual(expect.arrayContaining([expect.objectContaining({ id: schedule.id })]));
    const noReason = await runMlops(['models', 'rollback', model], env);
    expect(noReason.code).toBe(2);
    expect(noReason.stderr).toContain("required option '--reason <text>'");
  }, 120_000);

  it('a schedule that runs a study takes its best trial as the new version and applies the policy to it', async () => {
    const hpo = await retraining.schedules.create({
      body: {
        modelName: model,
        cron: '0 3 1 1 *',
        timezone: 'UTC',
        dataset: { name: `${model}-train`, mode: 'latest' },
        holdout: { name: `${model}-holdout`, version: 1 },
        training: {
          kind: 'study',
          study: {
            base: {
              task: 'topic',
              seed: 5,
              config: { featurizer: { wordNgrams: { buckets: 2048 } }, data: { minRows: 20 } },
            },
            space: [
              {
                name: 'lr',
                pointer: '/optimization/learningRate',
                distribution: { kind: 'float', low: 0.01, high: 0.3, log: true },
              },
            ],
            budget: { trials: 2 },
            sampler: { kind: 'random' },
          },
        },
        policy: { minImprovement: 0 },
      },
    });
    const asked = await retraining.schedules.runNow({ params: { id: hpo.id } });
    const tick = await waitFor(
      async () => {
        const ticks = await retraining.schedules.ticks({ params: { id: hpo.id } });
        return ticks.items.find((candidate) => candidate.id === asked.id && candidate.state !== 'running');
      },
      300_000,
      500,
    );
    expect(tick).toMatchObject({ state: 'succeeded' });
    expect(tick.studyId).toBeDefined();
    const study = await trainer.inject({ method: 'GET', url: `/v1/studies/${tick.studyId ?? ''}` });
    const best = study.json<{ bestTrial?: { modelVersion?: { version: number } } }>().bestTrial;
    expect(tick.modelVersion).toBe(best?.modelVersion?.version);
    const decision = await decisionOf(tick.decisionId);
    // Trained on the permuted documents too, the study's best stays below production on the holdout.
    expect(decision).toMatchObject({ kind: 'automatic', action: 'kept-candidate', version: tick.modelVersion });
    expect(decision?.comparisonReport?.sha256).toMatch(/^[0-9a-f]{64}$/);
  }, 400_000);
});
