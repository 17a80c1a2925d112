import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Study } from '@mlops/contracts';
import type { HttpApp } from '@mlops/http';
import {
  createTestEnvironment,
  freePort,
  testKeyVerifier,
  TEST_KEYS,
  withTestKey,
  type TestEnvironment,
} from '@mlops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp as buildTrainer } from '../../services/dl-trainer/src/app.js';
import { loadDlTrainerConfig } from '../../services/dl-trainer/src/config.js';
import { buildApp as buildFeatureStore } from '../../services/feature-store/src/app.js';
import { loadFeatureStoreConfig } from '../../services/feature-store/src/config.js';
import { buildApp as buildNlp } from '../../services/nlp/src/app.js';
import { loadNlpConfig } from '../../services/nlp/src/config.js';
import { buildApp as buildReporter } from '../../services/reporter/src/app.js';
import { loadReporterConfig } from '../../services/reporter/src/config.js';
import { pageTexts } from '../../services/reporter/test/support/poppler.js';
import { runMlops } from './support/cli-process.js';
import { importGlosses } from './support/import-glosses.js';

/*
 * `mlops study create | list | show | watch | cancel` (the binary as a child process) against real
 * services on loopback: a study of real training jobs on WordNet glosses runs to its budget; then
 * the reporter, reading the study through its typed client, draws the study slide in the PDF of
 * the best trial's version (lineage to the study), which `mlops report get` saves.
 */

const baseUrl = (app: HttpApp): string => `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

describe('mlops study end to end, and the study slide of the best trial’s report', () => {
  let environment: TestEnvironment;
  const apps: HttpApp[] = [];
  let work: string;
  let env: Record<string, string>;
  const suffix = Date.now().toString(36);
  const model = `study-cli-${suffix}`;
  const dataset = `study-cli-glosses-${suffix}`;

  const studyBody = (trials: number) => ({
    name: `lexname search ${suffix}`,
    base: {
      modelName: model,
      task: 'lexname',
      dataset: { name: dataset, version: 1 },
      seed: 5,
      config: {
        featurizer: { wordNgrams: { buckets: 1024 } },
        model: { kind: 'mlp', hidden: 16 },
        optimization: { epochs: 4, earlyStopping: null },
        split: { refit: false, validation: 0.3, test: 0.2 },
        data: { minRows: 20 },
      },
    },
    space: [
      {
        name: 'lr',
        pointer: '/optimization/learningRate',
        distribution: { kind: 'float', low: 1e-3, high: 0.3, log: true },
      },
      { name: 'hidden', pointer: '/model/hidden', distribution: { kind: 'int', low: 8, high: 48 } },
    ],
    budget: { trials },
    parallelism: 2,
    seed: 13,
  });
  const studyFile = (name: string, body: object): string => {
    const path = join(work, name);
    writeFileSync(path, JSON.stringify(body));
    return path;
  };

  beforeAll(async () => {
    environment = await createTestEnvironment('study cli e2e');
    work = await mkdtemp(join(tmpdir(), 'mlops-study-cli-'));
    const overrides = { keyVerifier: testKeyVerifier };
    const nlp = await buildNlp(loadNlpConfig({ LOG_LEVEL: 'silent' }), overrides);
    await nlp.listen({ host: '127.0.0.1', port: 0 });
    const store = withTestKey(
      await buildFeatureStore(
        loadFeatureStoreConfig({ ...environment.env, NLP_URL: baseUrl(nlp), PROCESSING_WORKERS: '2' }),
        overrides,
      ),
    );
    await store.listen({ host: '127.0.0.1', port: 0 });
    await importGlosses(store, ['noun.animal', 'noun.food', 'noun.artifact', 'noun.person']);
    await store.inject({ method: 'POST', url: '/v1/datasets', payload: { name: dataset, task: 'lexname' } });
    expect((await store.inject({ method: 'POST', url: `/v1/datasets/${dataset}/versions` })).statusCode).toBe(201);
    const trainer = await buildTrainer(
      loadDlTrainerConfig({
        ...environment.env,
        FEATURE_STORE_URL: baseUrl(store),
        TRAINING_CHECKPOINT_INTERVAL_MS: '0',
        TRAINING_WORKERS: '2',
        STUDY_POLL_MS: '200',
      }),
      overrides,
    );
    await trainer.listen({ host: '127.0.0.1', port: 0 });
    const reporterPort = await freePort();
    const reporter = await buildReporter(
      loadReporterConfig({
        ...environment.env,
        REGISTRY_URL: baseUrl(trainer),
        FEATURE_STORE_URL: baseUrl(store),
        PUBLIC_URL: `http://127.0.0.1:${reporterPort}`,
        RENDER_RETRY_DELAY_MS: '500',
      }),
      overrides,
    );
    await reporter.listen({ host: '127.0.0.1', port: reporterPort });
    apps.push(reporter, trainer, store, nlp);
    env = {
      HOME: work,
      NO_COLOR: '1',
      MLOPS_API_KEY: TEST_KEYS.admin,
      MLOPS_FEATURE_STORE_URL: baseUrl(store),
      MLOPS_NLP_URL: baseUrl(nlp),
      MLOPS_TRAINER_URL: baseUrl(trainer),
      MLOPS_REPORTER_URL: baseUrl(reporter),
      MLOPS_INFERENCE_URL: 'http://127.0.0.1:9',
    };
  }, 240_000);

  afterAll(async () => {
    for (const app of apps) await app.close();
    await environment.dispose();
    await rm(work, { recursive: true, force: true });
  });

  it('names the file and field of an invalid study.json (exit 1) and refuses a malformed id (exit 2)', async () => {
    const body = studyBody(3);
    const empty = { ...body, space: [{ ...body.space[0], distribution: { kind: 'float', low: 0.1, high: 0.1 } }] };
    const invalid = await runMlops(['study', 'create', '--file', studyFile('empty-range.json', empty)], env);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/empty-range\.json is invalid: space\.0\.distribution/);
    const noBudget = await runMlops(
      ['study', 'create', '--file', studyFile('no-budget.json', { ...body, budget: {} })],
      env,
    );
    expect(noBudget.code).toBe(1);
    expect(noBudget.stderr).toContain('budget');
    const usage = await runMlops(['study', 'show', 'not-a-study-id'], env);
    expect(usage.code).toBe(2);
  }, 60_000);

  it('create → watch → show → list → cancel, then the best trial’s report has the study slide', async () => {
    const create = await runMlops(['--json', 'study', 'create', '--file', studyFile('study.json', studyBody(4))], env);
    expect(create.stderr).toBe('');
    expect(create.code).toBe(0);
    const created = JSON.parse(create.stdout) as Study;
    expect(created).toMatchObject({ status: 'running', modelName: model, sampler: 'tpe' });

    const watch = await runMlops(['study', 'watch', created.id], env);
    expect(watch.code, watch.stderr).toBe(0);
    for (const number of [0, 1, 2, 3])
      expect(watch.stderr).toMatch(new RegExp(`trial ${number}/4 complete validationMacroF1 0\\.\\d{4}  lr=`));
    expect(watch.stdout).toContain(`(${created.id}): completed (trial budget reached)`);
    expect(watch.stdout).toMatch(/best: trial \d, validationMacroF1 0\.\d{4}, model .+ v\d; lr=.+, hidden=\d+/);

    const shown = await runMlops(['--json', 'study', 'show', created.id], env);
    const study = JSON.parse(shown.stdout) as Study;
    expect(study.status).toBe('completed');
    expect(study.trialTable.map((t) => t.state)).toEqual(['complete', 'complete', 'complete', 'complete']);
    const best = study.bestTrial;
    expect(best?.modelVersion).toMatchObject({ name: model });
    expect(Object.keys(study.importances).sort()).toEqual(['hidden', 'lr']);

    const human = await runMlops(['study', 'show', created.id], env);
    expect(human.stdout).toMatch(/│ trial +│ state +│ validationMacroF1 +│ lr +│ hidden +│ version +│\n/);
    expect(human.stdout).toContain(`│ ${best?.number ?? ''} *`);
    expect(human.stdout).toMatch(/parameter importances[\s\S]*│ (lr|hidden) +│ \d+\.\d% +│ █*/);
    expect(watch.stdout).toBe(human.stdout);

    const listed = await runMlops(['--json', 'study', 'list'], env);
    expect((JSON.parse(listed.stdout) as { id: string }[]).map((s) => s.id)).toContain(created.id);

    const late = await runMlops(['study', 'cancel', created.id], env);
    expect(late.code).toBe(1);
    expect(late.stderr).toContain(`study ${created.id} is completed`);

    // The report rendered when the trial ended shows the study as it was then; rendered again, the finished study.
    const version = best?.modelVersion?.version ?? 0;
    const regenerate = await fetch(`${env.MLOPS_REPORTER_URL}/v1/reports/${model}/${version}:regenerate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_KEYS.admin}` },
    });
    expect(regenerate.status).toBe(202);
    const output = join(work, 'best.pdf');
    const report = await runMlops(['--json', 'report', 'get', model, String(version), '-o', output], env);
    expect(report.code, report.stderr).toBe(0);
    const pages = pageTexts(readFileSync(output));
    const slide = pages.find((page) => page.includes('How the settings were chosen'));
    expect(slide, pages.join('\n---\n')).toBeDefined();
    expect(slide).toContain(`lexname search ${suffix}`);
    expect(slide).toContain(`#${best?.number ?? ''} (this)`);
    expect(slide).toContain('ran 4 trials (study completed)');
    expect(slide).toContain('This version is that trial.');
    expect(slide).toMatch(/Importance/);
    expect(slide).toMatch(/hidden=\d+, lr=/);
    writeFileSync(join(tmpdir(), 'mlops-study-report.pdf'), readFileSync(output));
  }, 900_000);

  it('cancels a running study: no new trial starts and watch ends with it cancelled', async () => {
    const create = await runMlops(['--json', 'study', 'create', '--file', studyFile('long.json', studyBody(30))], env);
    const created = JSON.parse(create.stdout) as Study;
    const cancel = await runMlops(['--json', 'study', 'cancel', created.id], env);
    expect(cancel.code, cancel.stderr).toBe(0);
    const atCancel = JSON.parse(cancel.stdout) as Study;
    const again = await runMlops(['study', 'cancel', created.id], env);
    expect(again.code === 0 ? again.stdout : again.stderr).toMatch(
      new RegExp(`study ${created.id}: cancel requested|is cancelled`),
    );
    const watch = await runMlops(['--json', 'study', 'watch', created.id], env);
    expect(watch.code, watch.stderr).toBe(0);
    const ended = JSON.parse(watch.stdout) as Study;
    expect(ended.status).toBe('cancelled');
    expect(ended.trialTable.length).toBe(atCancel.trialTable.length);
    expect(ended.trialTable.every((t) => t.state !== 'running')).toBe(true);
  }, 300_000);
});
