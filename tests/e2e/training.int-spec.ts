import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { HttpApp } from '@mlops/http';
import { packBatch, readManifest, textFeaturizerFromJSON } from '@mlops/ml';
import { OnnxClassifier } from '@mlops/model-runtime';
import {
  createTestEnvironment,
  freePort,
  spawnService,
  waitFor,
  type ServiceProcess,
  type TestEnvironment,
  testKeyVerifier,
  withTestKey,
  bearer,
} from '@mlops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp as buildFeatureStore } from '../../services/feature-store/src/app.js';
import { loadFeatureStoreConfig } from '../../services/feature-store/src/config.js';
import { buildApp as buildNlp } from '../../services/nlp/src/app.js';
import { loadNlpConfig } from '../../services/nlp/src/config.js';
import { importGlosses } from './support/import-glosses.js';

const trainerRoot = fileURLToPath(new URL('../../services/dl-trainer/', import.meta.url));

interface Job {
  id: string;
  status: string;
  attempts: number;
  error?: { code: string; message: string };
}
interface Version {
  name: string;
  version: number;
  files: { path: string; sha256: string }[];
}

async function stop(child: ChildProcessWithoutNullStreams, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill(signal);
  await once(child, 'exit');
}

describe('training end to end: a frozen dataset version becomes a registered, exported model', () => {
  let environment: TestEnvironment;
  let nlp: HttpApp;
  let store: HttpApp;
  let trainerEnv: Record<string, string>;
  let trainer: ServiceProcess | undefined;
  let base = '';
  const dataset = `wordnet-train-${Date.now().toString(36)}`;

  /** Calls dl-trainer; the caller states the body type it expects (a test, not a client). */
  const json = async <T>(path: string, init?: RequestInit, _shape?: T): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${base}${path}`, {
      ...init,
      headers: { ...(init?.headers as Record<string, string> | undefined), authorization: bearer() },
    });
    return { status: response.status, body: (await response.json()) as T };
  };
  const submit = (body: unknown) =>
    json<Job>('/v1/training-jobs', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const untilFinished = (id: string, timeoutMs = 120_000) =>
    waitFor(async () => {
      const { body } = await json<Job>(`/v1/training-jobs/${id}`);
      return ['succeeded', 'failed', 'cancelled'].includes(body.status) ? body : undefined;
    }, timeoutMs);
  const launch = async () => {
    const started = spawnService(trainerRoot, trainerEnv);
    trainer = started;
    await waitFor(
      async () => ((await fetch(`${base}/readyz`).catch(() => undefined))?.ok ? true : undefined),
      60_000,
    ).catch((error: unknown) => {
      throw new Error(`dl-trainer did not become ready: ${String(error)}\n${started.output().slice(-3000)}`);
    });
  };

  beforeAll(async () => {
    environment = await createTestEnvironment('training e2e');
    nlp = withTestKey(await buildNlp(loadNlpConfig({ LOG_LEVEL: 'silent' }), { keyVerifier: testKeyVerifier }));
    await nlp.listen({ host: '127.0.0.1', port: 0 });
    store = withTestKey(
      await buildFeatureStore(
        loadFeatureStoreConfig({
          ...environment.env,
          NLP_URL: `http://127.0.0.1:${(nlp.server.address() as AddressInfo).port}`,
          PROCESSING_WORKERS: '4',
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
    };
    await launch();
  }, 240_000);

  afterAll(async () => {
    if (trainer) {
      await stop(trainer.child, 'SIGKILL');
      writeFileSync(join(tmpdir(), 'mlops-e2e-dl-trainer.log'), trainer.output());
    }
    await store.close();
    await nlp.close();
    await environment.dispose();
  });

  it('resumes a job from its checkpoint after the worker is SIGKILLed, and registers exactly one version that passes parity', async () => {
    const modelName = `lexname-${Date.now().toString(36)}`;
    const { status, body: job } = await submit({
      modelName,
      task: 'lexname',
      dataset: { name: dataset, version: 1 },
      config: {
        featurizer: { wordNgrams: { buckets: 4096 } },
        model: { kind: 'mlp', hidden: 16 },
        optimization: { epochs: 40, earlyStopping: null },
        data: { minRows: 20 },
      },
    });
    expect(status).toBe(202);
    await waitFor(async () => {
      const run = await json<{ epochs: unknown[] }>(`/v1/runs/${job.id}`);
      return run.status === 200 && run.body.epochs.length >= 2 ? true : undefined;
    }, 120_000);
    if (trainer) await stop(trainer.child, 'SIGKILL');
    await launch();
    const finished = await untilFinished(job.id, 180_000);
    expect(finished).toMatchObject({ status: 'succeeded' });
    expect(finished.attempts).toBeGreaterThanOrEqual(2);
    expect(trainer?.output()).toContain('resuming from checkpoint');

    const versions = (await json<{ items: Version[] }>(`/v1/models/${modelName}/versions`)).body.items;
    expect(versions).toHaveLength(1);
    const [version] = versions as [Version];
    expect(version.files.map((file) => file.path).sort()).toEqual(['manifest.json', 'model.onnx']);

    const manifestBytes = new Uint8Array(
      await (
        await fetch(`${base}/v1/models/${modelName}/versions/1/files/manifest.json`, {
          headers: { authorization: bearer() },
        })
      ).arrayBuffer(),
    );
    const manifest = readManifest(manifestBytes);
    expect(manifest.labels).toEqual(['noun_animal', 'noun_artifact', 'noun_food', 'noun_person']);
    expect(manifest.metrics.parity).toMatchObject({ passed: true, argmaxMismatches: 0 });
    expect(manifest.metrics.curve).toHaveLength(40);
    expect(manifest.lineage.dataset).toMatchObject({ name: dataset, version: 1 });

    // Each test example as the model predicted it, once despite the second attempt: the confusion matrix's cells.
    const predictions = await json<{ items: { documentId: string; truth: string; predicted: string }[] }>(
      `/v1/runs/${job.id}/test-predictions?limit=200`,
    );
    expect(predictions.status).toBe(200);
    expect(predictions.body.items).toHaveLength(manifest.metrics.test.exampleCount);
    expect(new Set(predictions.body.items.map((item) => item.documentId)).size).toBe(
      manifest.metrics.test.exampleCount,
    );
    const offDiagonal = manifest.metrics.test.confusionMatrix.flatMap((row, r) => row.filter((_, c) => c !== r));
    expect(predictions.body.items.filter((item) => item.truth !== item.predicted)).toHaveLength(
      offDiagonal.reduce((sum, count) => sum + count, 0),
    );

    const onnx = new Uint8Array(
      await (
        await fetch(`${base}/v1/models/${modelName}/versions/1/files/model.onnx`, {
          headers: { authorization: bearer() },
        })
      ).arrayBuffer(),
    );
    const classifier = await OnnxClassifier.load(onnx);
    const featurizer = textFeaturizerFromJSON(manifest.preprocessing.featurizer);
    const probabilities = await classifier.predict(
      packBatch([featurizer.transform('a domestic dog kept as a pet that barks')]),
    );
    await classifier.release();
    expect(probabilities.reduce((sum, p) => sum + p, 0)).toBeCloseTo(1, 5);

    const archive = Buffer.from(
      await (
        await fetch(`${base}/v1/models/${modelName}/versions/1/artifact.tar.gz`, {
          headers: { authorization: bearer() },
        })
      ).arrayBuffer(),
    );
    const imported = await json<{ version: number; folderChecksum: string }>(`/v1/models/${modelName}-copy/versions`, {
      method: 'POST',
      headers: { 'content-type': 'application/gzip' },
      body: archive,
    });
    expect(imported.status).toBe(201);
    const original = await json<{ folderChecksum: string }>(`/v1/models/${modelName}/versions/1`);
    expect(imported.body).toMatchObject({ version: 1, folderChecksum: original.body.folderChecksum });
  }, 400_000);

  it('fails a job on an unknown dataset version with a reason, without retrying', async () => {
    const { body: job } = await submit({
      modelName: 'missing-data',
      task: 'lexname',
      dataset: { name: dataset, version: 99 },
    });
    const finished = await untilFinished(job.id);
    expect(finished).toMatchObject({ status: 'failed', attempts: 1, error: { code: 'DATASET_NOT_FOUND' } });
  }, 150_000);

  it('fails a job whose data leaves a single class, naming the problem', async () => {
    const { body: job } = await submit({
      modelName: 'one-class',
      task: 'lexname',
      dataset: { name: dataset, version: 1 },
      config: {
        adapters: [{ kind: 'label_map', map: { noun_animal: 'animal.kingdom' }, dropUnmapped: true }],
        data: { minRows: 4 },
      },
    });
    const finished = await untilFinished(job.id);
    expect(finished).toMatchObject({ status: 'failed', error: { code: 'TRAINING_DATA_INSUFFICIENT' } });
    expect(finished.error?.message).toContain('single class');
  }, 150_000);

  it('answers 400 naming the field for a bad config, and stores nothing', async () => {
    const { status, body } = await json<{ errors?: { pointer: string }[] }>('/v1/training-jobs', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        modelName: 'bad',
        task: 't',
        dataset: { name: dataset, version: 1 },
        config: { model: { kind: 'forest' } },
      }),
    });
    expect(status).toBe(400);
    expect(JSON.stringify(body)).toContain('/body/config/model/kind');
  });
});
