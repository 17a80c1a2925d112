import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PredictResponse } from '@mlops/contracts';
import type { HttpApp } from '@mlops/http';
import {
  createTestEnvironment,
  multipartBody,
  startLocalUpstream,
  topicCorpus,
  waitFor,
  type LocalUpstream,
  type TestEnvironment,
} from '@mlops/testing';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp as buildNlp } from '../../services/nlp/src/app.js';
import { loadNlpConfig } from '../../services/nlp/src/config.js';
import { ADMIN_KEY, KEY_ENV, logLines, sendJson, startReplica, stopReplica, type Replica } from './support/replica.js';

const DOCUMENTS = 60;
const JOBS = 4;
const TASK = 'topic';

interface Job {
  id: string;
  status: string;
  attempts: number;
}

/** A loopback proxy to nlp (`target()`) that counts the calls of the one feature-store process sent through it. */
function countingProxy(target: () => string): Promise<LocalUpstream> {
  return startLocalUpstream((request, response) => {
    const headers: Record<string, string> = {
      'content-type': request.headers['content-type'] ?? 'application/json',
    };
    if (request.headers.authorization) headers.authorization = request.headers.authorization;
    void fetch(`${target()}${request.url}`, {
      method: request.method,
      headers,
      ...(request.method === 'GET' ? {} : { body: request.body() }),
    }).then(
      async (answer) => {
        response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
        response.end(Buffer.from(await answer.arrayBuffer()));
      },
      () => response.writeHead(502).end(),
    );
  });
}

const apiCalls = (proxy: LocalUpstream) => proxy.received.filter((request) => request.url.startsWith('/v1/')).length;

describe('several replicas of each stateful service against one MongoDB and one RabbitMQ', () => {
  let environment: TestEnvironment;
  let mongo: MongoClient;
  let nlp: HttpApp | undefined;
  const proxies: LocalUpstream[] = [];
  const stores: Replica[] = [];
  const trainers: Replica[] = [];
  const servers: Replica[] = [];
  const cacheDirs: string[] = [];
  const dataset = `replicas-${Date.now().toString(36)}`;
  const model = `replicas-${Date.now().toString(36)}`;

  beforeAll(async () => {
    environment = await createTestEnvironment('replicas');
    mongo = await MongoClient.connect(environment.mongoUrl, { serverSelectionTimeoutMS: 5000 });
    const nlpUrl = () => `http://127.0.0.1:${nlp ? (nlp.server.address() as AddressInfo).port : 9}`;
    for (const name of ['a', 'b']) {
      const proxy = await countingProxy(nlpUrl);
      proxies.push(proxy);
      stores.push(
        await startReplica(`feature-store-${name}`, 'feature-store', {
          ...environment.env,
          NLP_URL: proxy.baseUrl,
          PROCESSING_WORKERS: '2',
        }),
      );
    }
    const [keyOwner] = stores as [Replica];
    const parser = await buildNlp(
      loadNlpConfig({ LOG_LEVEL: 'silent', FEATURE_STORE_URL: keyOwner.baseUrl, ...KEY_ENV }),
    );
    await parser.listen({ host: '127.0.0.1', port: 0 });
    nlp = parser;
    const [store] = stores as [Replica];
    for (const name of ['a', 'b']) {
      trainers.push(
        await startReplica(`dl-trainer-${name}`, 'dl-trainer', {
          ...environment.env,
          FEATURE_STORE_URL: store.baseUrl,
          TRAINING_WORKERS: '1',
          TRAINING_CHECKPOINT_INTERVAL_MS: '0',
        }),
      );
    }
  }, 600_000);

  afterAll(async () => {
    for (const replica of [...servers, ...trainers, ...stores]) await stopReplica(replica);
    for (const proxy of proxies) await proxy.close();
    await nlp?.close();
    for (const dir of cacheDirs) await rm(dir, { recursive: true, force: true });
    await mongo.close();
    await environment.dispose();
  }, 120_000);

  it('splits documents between two feature-store processes and processes each document once', async () => {
    const rows = topicCorpus(DOCUMENTS, 19);
    const halves = [rows.slice(0, DOCUMENTS / 2), rows.slice(DOCUMENTS / 2)];
    await Promise.all(
      stores.map(async (store, index) => {
        const lines = (halves[index] ?? []).map((row) =>
          JSON.stringify({ text: row.text, labels: { [TASK]: row.label } }),
        );
        const { payload, headers } = multipartBody([
          { filename: 'rows.jsonl', contentType: 'application/x-ndjson', bytes: Buffer.from(lines.join('\n')) },
        ]);
        const response = await fetch(`${store.baseUrl}/v1/imports`, {
          method: 'POST',
          headers: { ...headers, authorization: `Bearer ${ADMIN_KEY}` },
          body: payload,
        });
        expect(response.status, `${store.name}: ${await response.text()}\n${store.process.output().slice(-2000)}`).toBe(
          200,
        );
      }),
    );
    const [store] = stores as [Replica];
    await waitFor(async () => {
      const { body } = await sendJson(store, `/v1/documents?task=${TASK}&status=ready&limit=200`);
      return (body as { items: unknown[] }).items.length === DOCUMENTS ? true : undefined;
    }, 240_000);

    const documents = await mongo.db(environment.dbName).collection('documents').find({}).toArray();
    expect(documents).toHaveLength(DOCUMENTS);
    expect(documents.map((doc) => doc.attempts as number)).toEqual(Array<number>(DOCUMENTS).fill(1));
    const [callsA, callsB] = proxies.map(apiCalls) as [number, number];
    expect(callsA).toBeGreaterThan(0);
    expect(callsB).toBeGreaterThan(0);
  }, 300_000);

  it('runs every training job exactly once, the jobs split between two dl-trainer workers', async () => {
    const [store, other] = stores as [Replica, Replica];
    const created = await sendJson(store, '/v1/datasets', 'POST', { name: dataset, task: TASK });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const frozen = await sendJson(other, `/v1/datasets/${dataset}/versions`, 'POST');
    expect(frozen.status, JSON.stringify(frozen.body)).toBe(201);

    const [trainerA, trainerB] = trainers as [Replica, Replica];
    const submitted = await Promise.all(
      Array.from({ length: JOBS }, (_, index) =>
        sendJson(index % 2 === 0 ? trainerA : trainerB, '/v1/training-jobs', 'POST', {
          modelName: model,
          task: TASK,
          dataset: { name: dataset, version: 1 },
          config: { featurizer: { wordNgrams: { buckets: 4096 } }, optimization: { epochs: 5 }, data: { minRows: 20 } },
        }),
      ),
    );
    expect(submitted.map((answer) => answer.status)).toEqual(Array<number>(JOBS).fill(202));
    const ids = submitted.map((answer) => (answer.body as Job).id);
    const [trainer] = trainers as [Replica];
    const finished = await Promise.all(
      ids.map((id) =>
        waitFor(async () => {
          const job = (await sendJson(trainer, `/v1/training-jobs/${id}`)).body as Job;
          return ['succeeded', 'failed', 'cancelled'].includes(job.status) ? job : undefined;
        }, 300_000),
      ),
    );
    expect(finished.map((job) => [job.status, job.attempts])).toEqual(Array(JOBS).fill(['succeeded', 1]));

    const startedBy = trainers.map((replica) => logLines(replica, 'training job started').map((line) => line.jobId));
    expect(startedBy.flat().sort()).toEqual([...ids].sort());
    expect(startedBy.every((started) => started.length > 0)).toBe(true);
    const leases = await mongo.db(environment.dbName).collection('training_job_leases').find({}).toArray();
    expect(leases.map((lease) => lease.jobId as string).sort()).toEqual([...ids].sort());
    const versions = (await sendJson(trainer, `/v1/models/${model}/versions`)).body as { items: { version: number }[] };
    expect(versions.items.map((item) => item.version).sort()).toEqual([1, 2, 3, 4]);
  }, 600_000);

  it('brings every promotion to both inference processes through their own promotion queues', async () => {
    const [trainer] = trainers as [Replica];
    const [, keyOwner] = stores as [Replica, Replica];
    const promote = async (version: number) => {
      const answer = await sendJson(trainer, `/v1/models/${model}/aliases/production`, 'PUT', {
        version,
        reason: 'replicas test',
      });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    };
    await promote(1);
    for (const name of ['a', 'b']) {
      const cacheDir = await mkdtemp(join(tmpdir(), `replicas-inference-${name}-`));
      cacheDirs.push(cacheDir);
      servers.push(
        await startReplica(`inference-${name}`, 'inference', {
          ...environment.env,
          REGISTRY_URL: trainer.baseUrl,
          FEATURE_STORE_URL: keyOwner.baseUrl,
          MODELS: model,
          MODEL_CACHE_DIR: cacheDir,
          PROMOTION_QUEUE: `inference.promoted-${name}`,
          // Only the promotion events may move them: the periodic resync would hide a lost one.
          MODEL_RESYNC_MS: '3600000',
        }),
      );
    }
    const served = async (replica: Replica) =>
      (await sendJson(replica, `/v1/models/${model}/predict`, 'POST', { texts: ['pay the invoice'] }))
        .body as PredictResponse;
    for (const version of [3, 2]) {
      await promote(version);
      for (const replica of servers) {
        let last: unknown;
        await waitFor(async () => {
          last = await served(replica);
          return (last as PredictResponse).version === version ? true : undefined;
        }, 60_000).catch((error: unknown) => {
          throw new Error(
            `${replica.name} does not serve version ${version}: ${String(error)}; last answer ${JSON.stringify(last)}\n${replica.process.output().slice(-3000)}`,
          );
        });
      }
    }
    for (const replica of servers) expect((await served(replica)).version).toBe(2);
  }, 300_000);
});
