import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Study } from '@mlops/contracts';
import type { HttpApp } from '@mlops/http';
import {
  bearer,
  createTestEnvironment,
  freePort,
  testKeyVerifier,
  waitFor,
  withTestKey,
  type ServiceProcess,
  type TestEnvironment,
} from '@mlops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp as buildFeatureStore } from '../../services/feature-store/src/app.js';
import { loadFeatureStoreConfig } from '../../services/feature-store/src/config.js';
import { buildApp as buildNlp } from '../../services/nlp/src/app.js';
import { loadNlpConfig } from '../../services/nlp/src/config.js';
import { importGlosses } from './support/import-glosses.js';

const trainerEntry = fileURLToPath(
  new URL('../../services/dl-trainer/test/support/trainer-with-test-keys.ts', import.meta.url),
);

/** Starts dl-trainer as its own process (see services/dl-trainer/test/support/trainer-with-test-keys.ts), collecting what it prints. */
function spawnTrainer(env: Record<string, string>): ServiceProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=source', trainerEntry], {
    cwd: fileURLToPath(new URL('../../services/dl-trainer/', import.meta.url)),
    env: { ...process.env, ...env },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

async function stop(child: ChildProcessWithoutNullStreams, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill(signal);
  await once(child, 'exit');
}

/** What must be identical between the interrupted and the uninterrupted study. */
const trialList = (study: Study) =>
  study.trialTable.map((trial) => ({
    number: trial.number,
    state: trial.state,
    params: trial.params,
    value: trial.value,
  }));

describe('a study survives a SIGKILLed trainer: finished trials kept, suggestions replayed, the unfinished trial resumed', () => {
  let environment: TestEnvironment;
  let nlp: HttpApp;
  let store: HttpApp;
  let trainerEnv: Record<string, string>;
  let trainer: ServiceProcess | undefined;
  let base = '';
  const dataset = `wordnet-study-${Date.now().toString(36)}`;

  const call = async <T>(path: string, init?: RequestInit, _shape?: T): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${base}${path}`, {
      ...init,
      headers: { ...(init?.headers as Record<string, string> | undefined), authorization: bearer() },
    });
    return { status: response.status, body: (await response.json()) as T };
  };
  const launch = async (): Promise<void> => {
    const started = spawnTrainer(trainerEnv);
    trainer = started;
    await waitFor(
      async () => ((await fetch(`${base}/readyz`).catch(() => undefined))?.ok ? true : undefined),
      60_000,
    ).catch((error: unknown) => {
      throw new Error(`dl-trainer did not become ready: ${String(error)}\n${started.output().slice(-3000)}`);
    });
  };
  const startStudy = async (): Promise<Study> => {
    const { status, body } = await call<Study>('/v1/studies', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        base: {
          modelName: 'lexname-study',
          task: 'lexname',
          dataset: { name: dataset, version: 1 },
          config: {
            featurizer: { wordNgrams: { buckets: 1024 } },
            model: { kind: 'mlp', hidden: 16 },
            optimization: { epochs: 6, earlyStopping: null },
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
          {
            name: 'batch',
            pointer: '/optimization/batchSize',
            distribution: { kind: 'categorical', choices: [8, 16, 32] },
          },
        ],
        budget: { trials: 5 },
        sampler: { kind: 'tpe', nStartupTrials: 2 },
        parallelism: 1,
        seed: 11,
      }),
    });
    expect(status).toBe(201);
    return body;
  };
  const untilFinished = (id: string): Promise<Study> =>
    waitFor(async () => {
      const { body } = await call<Study>(`/v1/studies/${id}`);
      return body.status === 'running' ? undefined : body;
    }, 300_000);

  beforeAll(async () => {
    environment = await createTestEnvironment('study resume e2e');
    nlp = await buildNlp(loadNlpConfig({ LOG_LEVEL: 'silent', API_KEY: environment.env.API_KEY ?? '' }), {
      keyVerifier: testKeyVerifier,
    });
    await nlp.listen({ host: '127.0.0.1', port: 0 });
    store = withTestKey(
      await buildFeatureStore(
        loadFeatureStoreConfig({
          ...environment.env,
          NLP_URL: `http://127.0.0.1:${(nlp.server.address() as AddressInfo).port}`,
          PROCESSING_WORKERS: '2',
        }),
        { keyVerifier: testKeyVerifier },
      ),
    );
    await store.listen({ host: '127.0.0.1', port: 0 });
    await importGlosses(store, ['noun.animal', 'noun.food', 'noun.artifact', 'noun.person']);
    await store.inject({ method: 'POST', url: '/v1/datasets', payload: { name: dataset, task: 'lexname' } });
    expect((await store.inject({ method: 'POST', url: `/v1/datasets/${dataset}/versions` })).statusCode).toBe(201);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    trainerEnv = {
      ...environment.env,
      PORT: String(port),
      LOG_LEVEL: 'info',
      FEATURE_STORE_URL: `http://127.0.0.1:${(store.server.address() as AddressInfo).port}`,
      TRAINING_CHECKPOINT_INTERVAL_MS: '0',
      TRAINING_LEASE_MS: '3000',
      STUDY_POLL_MS: '200',
    };
    await launch();
  }, 240_000);

  afterAll(async () => {
    if (trainer) {
      await stop(trainer.child, 'SIGKILL');
      writeFileSync(join(tmpdir(), 'mlops-e2e-study-trainer.log'), trainer.output());
    }
    await store.close();
    await nlp.close();
    await environment.dispose();
  });

  it('gives the same trial list (parameters and values) as an uninterrupted run with the same seed', async () => {
    const interrupted = await startStudy();
    const running = await waitFor(async () => {
      const { body } = await call<Study>(`/v1/studies/${interrupted.id}`);
      const trial = body.trialTable.find((t) => t.number === 2 && t.state === 'running');
      if (!trial) return undefined;
      const run = await call<{ epochs: unknown[] }>(`/v1/runs/${trial.jobId}`);
      return run.status === 200 && run.body.epochs.length >= 2 ? trial : undefined;
    }, 240_000);
    if (trainer) await stop(trainer.child, 'SIGKILL');
    await launch();
    const resumed = await untilFinished(interrupted.id);
    const output = trainer?.output() ?? '';
    expect(output).toContain('study resumed: replayed suggestions identical');
    expect(output).toContain('resuming from checkpoint');
    const resumedJob = await call<{ attempts: number }>(`/v1/training-jobs/${running.jobId}`);
    expect(resumedJob.body.attempts).toBeGreaterThanOrEqual(2);

    const uninterrupted = await untilFinished((await startStudy()).id);
    expect(resumed.status).toBe('completed');
    expect(trialList(resumed)).toHaveLength(5);
    expect(trialList(resumed)).toEqual(trialList(uninterrupted));
    expect(resumed.trialTable.every((t) => t.state === 'complete')).toBe(true);
    expect(new Set(resumed.trialTable.map((t) => t.value)).size).toBeGreaterThan(1);

    const best = resumed.bestTrial;
    expect(best?.modelVersion).toBeDefined();
    const version = await call<{ lineage?: { study?: { id: string; trialNumber: number } } }>(
      `/v1/models/${best?.modelVersion?.name ?? ''}/versions/${best?.modelVersion?.version ?? 0}`,
    );
    expect(version.body.lineage?.study).toEqual({ id: resumed.id, trialNumber: best?.number });
  }, 900_000);
});
