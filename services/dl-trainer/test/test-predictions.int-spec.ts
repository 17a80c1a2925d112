import { TEST_EXCERPT_CHARS, type TestPrediction } from '@mlops/contracts';
import type { HttpApp } from '@mlops/http';
import { createLogger } from '@mlops/logger';
import { Broker } from '@mlops/messaging';
import { resolveTrainingConfig, runTrainingPipeline, type PipelineResult } from '@mlops/ml';
import { checkExportedModel } from '@mlops/model-runtime';
import { createTestEnvironment, testKeyVerifier, topicCorpus, withTestKey, type TestEnvironment } from '@mlops/testing';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadDlTrainerConfig } from '../src/config.js';
import {
  finishRun,
  loadRegistryConfig,
  openModelRegistry,
  recordTestPredictions,
  startRun,
  type ModelRegistry,
} from '../src/registry/index.js';

/*
 * A run's test predictions, from a model really trained by libs/ml's pipeline, recorded in a real
 * MongoDB and read through `GET /v1/runs/:id/test-predictions`: each confusion-matrix cell lists
 * exactly the examples it counts, most confident first, page by page.
 */

const RUN = 'run-test-predictions';
const LABELS = ['finance', 'health', 'travel'];

interface Page {
  items: TestPrediction[];
  nextCursor?: string;
}

let environment: TestEnvironment;
let app: HttpApp;
let client: MongoClient;
let broker: Broker;
let registry: ModelRegistry;
let trained: PipelineResult;

const page = async (query: string): Promise<Page> => {
  const response = await app.inject({ method: 'GET', url: `/v1/runs/${RUN}/test-predictions?${query}` });
  expect(response.statusCode).toBe(200);
  return response.json<Page>();
};

/** Every item of a listing, following the cursor. */
async function everything(query: string, limit: number): Promise<TestPrediction[]> {
  const items: TestPrediction[] = [];
  let cursor: string | undefined;
  do {
    const answer = await page(`${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    items.push(...answer.items);
    cursor = answer.nextCursor;
  } while (cursor);
  return items;
}

beforeAll(async () => {
  environment = await createTestEnvironment('dl-trainer test predictions');
  const rows = topicCorpus(300, 5).map((row, index) => ({
    id: row.id,
    text: index % 11 === 0 ? `${row.text} ${'and more words '.repeat(40)}` : row.text,
    // Label noise, so that the model makes mistakes and off-diagonal cells are not empty.
    label: index % 6 === 1 ? (LABELS[(LABELS.indexOf(row.label) + 1) % LABELS.length] ?? row.label) : row.label,
    textSha256: row.textSha256,
  }));
  const config = resolveTrainingConfig({
    modelName: 'topics',
    task: 'topic',
    dataset: { name: 'support-mail', version: 1 },
    seed: 7,
    config: { model: { kind: 'linear' }, optimization: { epochs: 4 }, featurizer: { wordNgrams: { buckets: 2048 } } },
  });
  trained = await runTrainingPipeline({
    config,
    rows,
    datasetContentHash: 'c0ffee'.padEnd(64, '0'),
    checkExported: checkExportedModel,
    exportedRuntime: 'onnxruntime-node',
    lineage: { jobId: RUN, runId: RUN, codeVersion: 'test' },
  });
  app = withTestKey(
    await buildApp(loadDlTrainerConfig({ ...environment.env, SHUTDOWN_TIMEOUT_MS: '500' }), {
      keyVerifier: testKeyVerifier,
    }),
  );
  client = await MongoClient.connect(environment.mongoUrl);
  const logger = createLogger({ service: 'test-predictions-test', level: 'silent' });
  broker = await Broker.connect({
    url: environment.amqpUrl,
    logger,
    connectionName: 'tp-test',
    topology: { queues: [] },
  });
  registry = await openModelRegistry({
    db: client.db(environment.dbName),
    broker,
    logger,
    config: loadRegistryConfig({}),
  });
  await startRun(registry, { runId: RUN, jobId: RUN, modelName: 'topics', config, backend: 'cpu' });
}, 240_000);

afterAll(async () => {
  await app.close();
  await broker.close();
  await client.close();
  await environment.dispose();
});

describe('GET /v1/runs/:id/test-predictions', () => {
  it('answers an empty page while the run has recorded none', async () => {
    expect(await page('truth=finance&predicted=health')).toEqual({ items: [] });
  });

  it('lists in each cell exactly the examples its confusion-matrix count says, most confident first', async () => {
    await recordTestPredictions(registry, RUN, trained.testPredictions);
    await recordTestPredictions(registry, RUN, trained.testPredictions);
    await finishRun(registry, RUN, { status: 'succeeded' });
    const test = trained.manifest.metrics.test;
    expect(test.labels).toEqual(LABELS);
    expect(test.confusionMatrix.flat().filter((count, index) => index % 4 !== 0 && count > 0).length).toBeGreaterThan(
      0,
    );

    const ids = new Set<string>();
    for (const [row, truth] of test.labels.entries()) {
      for (const [column, predicted] of test.labels.entries()) {
        const items = await everything(`truth=${truth}&predicted=${predicted}`, 7);
        expect(items).toHaveLength(test.confusionMatrix[row]?.[column] ?? -1);
        for (const item of items) {
          expect(item).toMatchObject({ truth, predicted });
          ids.add(item.documentId);
        }
        const confidences = items.map((item) => item.confidence);
        expect(confidences).toEqual([...confidences].sort((a, b) => b - a));
      }
    }
    expect(ids.size).toBe(test.exampleCount);
  });

  it('keeps the start of each text, its length, and lists a row or a column when one label is given', async () => {
    const all = await everything('', 200);
    expect(all).toHaveLength(trained.manifest.metrics.test.exampleCount);
    const long = all.find((item) => item.textLength > TEST_EXCERPT_CHARS);
    expect(long?.excerpt).toHaveLength(TEST_EXCERPT_CHARS);
    const original = trained.testPredictions.find((prediction) => prediction.documentId === long?.documentId);
    expect(original?.text.startsWith(long?.excerpt ?? '-')).toBe(true);

    const row = await everything('truth=travel', 50);
    expect(row.every((item) => item.truth === 'travel')).toBe(true);
    expect(row).toHaveLength(trained.manifest.metrics.test.perClass.travel?.support ?? -1);
    const column = await everything('predicted=health', 50);
    expect(column.every((item) => item.predicted === 'health')).toBe(true);
    expect(column).toHaveLength(trained.manifest.metrics.test.perClass.health?.predicted ?? -1);
  });

  it('answers 404 for an unknown run and 400 naming the field for a bad cursor or limit', async () => {
    const unknown = await app.inject({ method: 'GET', url: '/v1/runs/no-such-run/test-predictions' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'REGISTRY_RUN_NOT_FOUND' });

    const badCursor = await app.inject({ method: 'GET', url: `/v1/runs/${RUN}/test-predictions?cursor=cmFuazotMQ` });
    expect(badCursor.statusCode).toBe(400);
    expect(JSON.stringify(badCursor.json())).toContain('/querystring/cursor');

    const badLimit = await app.inject({ method: 'GET', url: `/v1/runs/${RUN}/test-predictions?limit=0` });
    expect(badLimit.statusCode).toBe(400);
    expect(JSON.stringify(badLimit.json())).toContain('/querystring/limit');
  });
});
