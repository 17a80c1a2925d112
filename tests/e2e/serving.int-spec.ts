import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PredictResponse } from '@mlops/contracts';
import type { HttpApp } from '@mlops/http';
import { createLogger } from '@mlops/logger';
import { Broker } from '@mlops/messaging';
import { readManifest } from '@mlops/ml';
import { connectMongo } from '@mlops/mongo';
import {
  createTestEnvironment,
  waitFor,
  type TestEnvironment,
  testKeyVerifier,
  withTestKey,
  bearer,
} from '@mlops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp as buildTrainer } from '../../services/dl-trainer/src/app.js';
import { loadDlTrainerConfig } from '../../services/dl-trainer/src/config.js';
import {
  loadRegistryConfig,
  openModelRegistry,
  registerModelVersion,
} from '../../services/dl-trainer/src/registry/index.js';
import { buildApp as buildInference } from '../../services/inference/src/app.js';
import { loadInferenceConfig } from '../../services/inference/src/config.js';
import { directProbabilities } from '../../services/inference/test/support/direct-probabilities.js';
import { trainTopicModel, type ModelFolder } from '../../services/inference/test/support/train-topic-model.js';

const TEXTS = [
  'please pay the invoice to the bank account today',
  'the flight to the airport leaves from gate 4',
  'the doctor changed the dose after the blood test',
];

function baseUrl(app: HttpApp): string {
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

/**
 * Registers folders through dl-trainer's service-internal API, as its trainer does (the HTTP
 * `.tar.gz` import of a trained folder is exercised by tests/e2e/training.int-spec.ts).
 */
async function registerFolders(
  environment: TestEnvironment,
  model: string,
  folders: readonly ModelFolder[],
): Promise<void> {
  const logger = createLogger({ service: 'serving-e2e', level: 'silent' });
  const mongo = await connectMongo({
    url: environment.mongoUrl,
    dbName: environment.dbName,
    appName: 'serving-e2e',
    logger,
    collections: [],
  });
  const broker = await Broker.connect({
    url: environment.amqpUrl,
    logger,
    connectionName: 'serving-e2e',
    topology: { queues: [] },
  });
  try {
    const registry = await openModelRegistry({ db: mongo.db, broker, logger, config: loadRegistryConfig() });
    for (const folder of folders) {
      const manifest = readManifest(folder.get('manifest.json') ?? Buffer.alloc(0));
      await registerModelVersion(registry, {
        name: model,
        files: [...folder].map(([path, content]) => ({ path, content })),
        lineage: {
          datasetName: 'synthetic',
          datasetVersion: 1,
          datasetContentHash: manifest.lineage.dataset.contentHash,
        },
        labels: manifest.labels,
        metrics: { macroF1: manifest.metrics.test.macroF1 },
        createdBy: 'serving-e2e',
      });
    }
  } finally {
    await broker.close();
    await mongo.close();
  }
}

describe('serving end to end: a model registered in dl-trainer is served, and promotions switch live traffic', () => {
  let environment: TestEnvironment;
  let trainer: HttpApp;
  let inference: HttpApp;
  let cacheDir: string;
  let first: ModelFolder;
  let second: ModelFolder;
  const model = `topics-${Date.now().toString(36)}`;

  const registry = (path: string, init?: RequestInit) =>
    fetch(`${baseUrl(trainer)}${path}`, {
      ...init,
      headers: { authorization: bearer('e2e'), ...(init?.headers as Record<string, string> | undefined) },
    });
  const promote = async (version: number) => {
    const response = await registry(`/v1/models/${model}/aliases/production`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: bearer('e2e') },
      body: JSON.stringify({ version, reason: 'serving e2e' }),
    });
    expect(response.status).toBe(200);
  };
  const predict = async (texts: readonly string[]) => {
    const response = await fetch(`${baseUrl(inference)}/v1/models/${model}/predict`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: bearer() },
      body: JSON.stringify({ texts }),
    });
    return { status: response.status, body: (await response.json()) as PredictResponse };
  };
  const untilServing = (version: number) =>
    waitFor(async () => ((await predict(['x'])).body.version === version ? true : undefined), 30_000);

  beforeAll(async () => {
    environment = await createTestEnvironment('serving e2e');
    first = await trainTopicModel(1);
    second = await trainTopicModel(2, 'mlp');
    trainer = withTestKey(await buildTrainer(loadDlTrainerConfig(environment.env), { keyVerifier: testKeyVerifier }));
    await trainer.listen({ host: '127.0.0.1', port: 0 });
    await registerFolders(environment, model, [first, second]);
    await promote(1);
    cacheDir = await mkdtemp(join(tmpdir(), 'serving-e2e-cache-'));
    inference = withTestKey(
      await buildInference(
        loadInferenceConfig({
          ...environment.env,
          REGISTRY_URL: baseUrl(trainer),
          MODELS: model,
          MODEL_CACHE_DIR: cacheDir,
        }),
        { keyVerifier: testKeyVerifier },
      ),
    );
    await inference.listen({ host: '127.0.0.1', port: 0 });
    await waitFor(async () => ((await fetch(`${baseUrl(inference)}/readyz`)).ok ? true : undefined), 30_000);
  }, 180_000);

  afterAll(async () => {
    await inference.close();
    await trainer.close();
    await rm(cacheDir, { recursive: true, force: true });
    await environment.dispose();
  });

  it('serves the production version with the probabilities libs/ml and ONNX Runtime compute', async () => {
    const { status, body } = await predict(TEXTS);
    expect(status).toBe(200);
    expect(body).toMatchObject({ model, version: 1 });
    const labels = readManifest(first.get('manifest.json') ?? Buffer.alloc(0)).labels;
    const expected = await directProbabilities(first, TEXTS);
    body.predictions.forEach((prediction, row) => {
      const byLabel = new Map(prediction.probabilities.map((entry) => [entry.label, entry.p]));
      labels.forEach((label, index) => expect(byLabel.get(label)).toBeCloseTo(expected[row]?.[index] ?? NaN, 5));
    });
    expect(body.predictions.map((prediction) => prediction.label)).toEqual(['finance', 'travel', 'health']);
  });

  it('switches live traffic across two promotions through the registry with zero failed requests', async () => {
    const statuses: number[] = [];
    const versions: number[] = [];
    let stop = false;
    const worker = async () => {
      while (!stop && statuses.length < 5000) {
        const { status, body } = await predict(TEXTS.slice(0, 1));
        statuses.push(status);
        versions.push(body.version);
      }
    };
    const startedAt = Date.now();
    const load = Array.from({ length: 8 }, worker);
    await promote(2);
    await untilServing(2);
    await promote(1);
    await untilServing(1);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 2000 - (Date.now() - startedAt))));
    stop = true;
    await Promise.all(load);
    expect(statuses.length).toBeGreaterThanOrEqual(200);
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
    expect(new Set(versions)).toEqual(new Set([1, 2]));
    expect(versions.at(-1)).toBe(1);
  }, 90_000);

  it('starts and stops a canary through the registry: moving the alias, then removing it', async () => {
    const aliasesServed = async () =>
      (
        (await (await fetch(`${baseUrl(inference)}/v1/models`, { headers: { authorization: bearer() } })).json()) as {
          items: { name: string; version: number; aliases: string[] }[];
        }
      ).items
        .filter((item) => item.name === model)
        .flatMap((item) => item.aliases.map((alias) => `${alias}:${item.version}`))
        .sort();
    const moved = await registry(`/v1/models/${model}/aliases/canary`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: bearer('e2e') },
      body: JSON.stringify({ version: 2, reason: 'canary e2e' }),
    });
    expect(moved.status).toBe(200);
    await waitFor(async () => ((await aliasesServed()).includes('canary:2') ? true : undefined), 30_000);
    const removed = await registry(`/v1/models/${model}/aliases/canary?reason=done`, {
      method: 'DELETE',
      headers: { authorization: bearer('e2e') },
    });
    expect(removed.status).toBe(200);
    await waitFor(async () => ((await aliasesServed()).includes('canary:2') ? undefined : true), 30_000);
    expect(await aliasesServed()).toEqual(['production:1']);
  }, 90_000);
});
