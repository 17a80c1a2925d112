import { createHash } from 'node:crypto';
import { EVENTS, WORK_QUEUES, trainingFinishedEventSchema, type Report } from '@mlops/contracts';
import type { HttpApp } from '@mlops/http';
import {
  createTestEnvironment,
  waitFor,
  type TestEnvironment,
  testKeyVerifier,
  withTestKey,
  testKeyFor,
} from '@mlops/testing';
import { strFromU8, unzipSync } from 'fflate';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildApp } from '../src/app.js';
import { RenderGate } from '../src/comparisons/render-gate.js';
import { loadReporterConfig } from '../src/config.js';
import { TRAINING_COMPLETED_QUEUE } from '../src/topology.js';
import { pageTexts } from './support/poppler.js';
import { listenToReportEvents, type ReportEvents } from './support/report-events.js';
import { StandInFeatureStore, StandInTrainer } from './support/stand-in-upstreams.js';
import { noisyTopics, trainVersion, type TrainedVersion } from './support/trained-manifests.js';

/*
 * The reporter wired to real MongoDB and RabbitMQ, with dl-trainer (registry, runs, jobs) and the
 * feature-store played by stand-ins registered from the same route descriptors, and manifests of
 * really trained models: training.completed → reports.render → PDF in GridFS → registry record and
 * report.ready; the routes (status, PDF, tables, regenerate, compare) and the failure handling.
 */

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const uuid = (n: number): string => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const PUBLIC_URL = 'https://reports.example.com';
const DATASET = { name: 'support-mail', version: 1 };
const JOB = { v1: uuid(0xa1), v2: uuid(0xa2), running: uuid(0xa4), none: uuid(0xa5) };
const REQUESTER = 'maria.keller@example.com';

const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));

let environment: TestEnvironment;
let trainer: StandInTrainer;
let store: StandInFeatureStore;
let app: HttpApp;
let events: ReportEvents;
let mongo: MongoClient;
let candidate: TrainedVersion;
let production: TrainedVersion;
const gate = new RenderGate(1, 0);

const status = async (model: string, version: number) => {
  const response = await app.inject({ method: 'GET', url: `/v1/reports/${model}/${version}` });
  return { status: response.statusCode, body: response.json<Report & { code?: string; detail?: string }>() };
};
const untilStatus = (model: string, version: number, wanted: Report['status'], timeoutMs = 120_000) =>
  waitFor(
    async () => {
      const answer = await status(model, version);
      return answer.status === 200 && answer.body.status === wanted ? answer.body : undefined;
    },
    timeoutMs,
    100,
  );
const problem = async (url: string, method: 'GET' | 'POST' = 'GET') => {
  const response = await app.inject({ method, url });
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  return { status: response.statusCode, ...response.json<{ code: string; detail: string }>() };
};
const publishCompleted = (jobId: string) =>
  events.broker.publishEvent(EVENTS.trainingCompleted, trainingFinishedEventSchema, {
    jobId,
    modelName: 'topics',
    status: 'succeeded',
    attempts: 1,
    finishedAt: '2026-03-02T09:30:00.000Z',
  });
const drained = (queue: string) =>
  waitFor(
    async () => ((await environment.rabbit.queueDepth(environment.vhost, queue)) === 0 ? true : undefined),
    30_000,
  );
/** Waits until the training.completed consumer has looked the job's run up `times` times. */
const runsAskedFor = (jobId: string, times: number) =>
  waitFor(
    () =>
      trainer.requests.filter((request) => request.startsWith('GET /v1/runs?') && request.includes(jobId)).length >=
      times
        ? true
        : undefined,
    30_000,
  );
const filesOf = (model: string) =>
  mongo.db(environment.dbName).collection('report_files.files').countDocuments({ 'metadata.model': model });

beforeAll(async () => {
  environment = await createTestEnvironment('reporter run reports');
  const rows = noisyTopics(240, 11).map((row, index) => ({ ...row, id: uuid(index + 1) }));
  production = await trainVersion({ rows, seed: 3, config: { optimization: { epochs: 2, learningRate: 0.003 } } });
  candidate = await trainVersion({ rows, seed: 3, config: { optimization: { epochs: 4, learningRate: 0.05 } } });
  trainer = new StandInTrainer();
  store = new StandInFeatureStore();
  const [registryUrl, featureStoreUrl] = await Promise.all([trainer.start(), store.start()]);
  const onnx = Buffer.from('onnx bytes');
  trainer.register(
    'topics',
    { 'manifest.json': json(production.manifest), 'model.onnx': onnx },
    { jobId: JOB.v1, dataset: DATASET, createdAt: '2026-02-01T08:00:00.000Z' },
  );
  trainer.promote('topics', 1);
  trainer.register(
    'topics',
    { 'manifest.json': json(candidate.manifest), 'model.onnx': onnx },
    { jobId: JOB.v2, dataset: DATASET, createdBy: REQUESTER },
  );
  trainer.addJob({
    id: JOB.v2,
    modelName: 'topics',
    status: 'succeeded',
    requestedBy: REQUESTER,
    modelVersion: { name: 'topics', version: 2 },
  });
  store.put(DATASET.name, DATASET.version, rows);
  events = await listenToReportEvents(environment);
  mongo = new MongoClient(environment.mongoUrl);
  app = withTestKey(
    await buildApp(
      loadReporterConfig({
        ...environment.env,
        API_KEY: testKeyFor('reporter', ['read', 'train', 'introspect']),
        REGISTRY_URL: registryUrl,
        FEATURE_STORE_URL: featureStoreUrl,
        PUBLIC_URL: `${PUBLIC_URL}/`,
        RENDER_MAX_ATTEMPTS: '2',
        RENDER_RETRY_DELAY_MS: '100',
      }),
      { compareGate: gate, keyVerifier: testKeyVerifier },
    ),
  );
}, 240_000);

afterAll(async () => {
  await app.close();
  await events.close();
  await mongo.close();
  await Promise.all([trainer.stop(), store.stop()]);
  await environment.dispose();
});

describe('a run report after training.completed', () => {
  let ready: Report;
  let pdf: Buffer;

  it('is rendered, stored, recorded in the registry with its sha256 and announced by report.ready', async () => {
    await publishCompleted(JOB.v2);
    ready = await untilStatus('topics', 2, 'ready');
    expect(ready).toMatchObject({ model: 'topics', version: 2, jobId: JOB.v2, attempts: 1 });
    expect(ready.error).toBeUndefined();
    expect(ready.pages).toBeGreaterThanOrEqual(10);
    expect(ready.missing).not.toContain('exampleTexts');

    const response = await app.inject({ method: 'GET', url: '/v1/reports/topics/2.pdf' });
    expect(response.statusCode).toBe(200);
    pdf = response.rawPayload;
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe('attachment; filename="topics-v2-report.pdf"');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers.etag).toBe(`"${ready.sha256 ?? ''}"`);
    expect(response.headers['accept-ranges']).toBe('bytes');
    expect(sha256(pdf)).toBe(ready.sha256);
    expect(pdf.length).toBe(ready.size);

    const recorded = trainer.reports.get('topics:2');
    expect(recorded).toMatchObject({
      sha256: ready.sha256,
      size: ready.size,
      url: `${PUBLIC_URL}/v1/reports/topics/2.pdf`,
      recordedBy: 'reporter',
    });
    const heard = await waitFor(() => (events.ready.length > 0 ? events.ready : undefined), 30_000);
    expect(heard).toHaveLength(1);
    expect(heard[0]).toMatchObject({
      messageId: `report.ready:topics:2:${ready.sha256 ?? ''}`,
      body: { model: 'topics', version: 2, sha256: ready.sha256, url: recorded?.url },
    });
    expect(store.reads.get('support-mail:1')).toBe(1);
  });

  it('shows the requester, the comparison with production and the texts of the worst mistakes', () => {
    const all = pageTexts(pdf).join('\n').replace(/\s+/g, ' ');
    expect(all).toContain(REQUESTER);
    expect(all).toContain('This version (v2) against production (v1)');
    expect(all).not.toContain('Example texts were not available');
    const shown = candidate.manifest.metrics.test.worstConfusions[0]?.examples[0]?.id;
    const text = candidate.rows.find((row) => row.id === shown)?.text ?? '';
    expect(text).not.toBe('');
    expect(all).toContain(text.split(' ').slice(0, 3).join(' '));
    const macroF1 = `${(candidate.manifest.metrics.test.macroF1 * 100).toFixed(1)}%`;
    expect(all).toContain(`its quality is ${macroF1} macro-F1`);
  });

  it('is not rendered again for a second delivery of the same training.completed', async () => {
    await publishCompleted(JOB.v2);
    await runsAskedFor(JOB.v2, 2);
    await drained(TRAINING_COMPLETED_QUEUE);
    await drained(WORK_QUEUES.reportsRender);
    const again = await status('topics', 2);
    expect(again.body).toMatchObject({ status: 'ready', renderedAt: ready.renderedAt, sha256: ready.sha256 });
    expect(events.ready).toHaveLength(1);
    expect(await filesOf('topics')).toBe(2);
  });

  it('does nothing for a job whose run registered no version', async () => {
    trainer.addJob({ id: JOB.none, modelName: 'topics', status: 'succeeded' });
    await publishCompleted(JOB.none);
    await runsAskedFor(JOB.none, 1);
    await drained(TRAINING_COMPLETED_QUEUE);
    expect(await mongo.db(environment.dbName).collection('reports').countDocuments()).toBe(1);
  });

  it('answers ETag / If-None-Match with 304, a single Range with 206, an unsatisfiable one with 416', async () => {
    const etag = `"${ready.sha256 ?? ''}"`;
    const url = '/v1/reports/topics/2.pdf';
    const notModified = await app.inject({ method: 'GET', url, headers: { 'if-none-match': etag } });
    expect(notModified.statusCode).toBe(304);
    expect(notModified.rawPayload.length).toBe(0);

    const partial = await app.inject({ method: 'GET', url, headers: { range: 'bytes=100-199' } });
    expect(partial.statusCode).toBe(206);
    expect(partial.headers['content-range']).toBe(`bytes 100-199/${pdf.length}`);
    expect(partial.rawPayload.equals(pdf.subarray(100, 200))).toBe(true);

    const tail = await app.inject({ method: 'GET', url, headers: { range: 'bytes=-50' } });
    expect(tail.rawPayload.equals(pdf.subarray(pdf.length - 50))).toBe(true);

    const stale = await app.inject({ method: 'GET', url, headers: { range: 'bytes=0-9', 'if-range': '"other"' } });
    expect(stale.statusCode).toBe(200);
    expect(stale.rawPayload.length).toBe(pdf.length);

    const beyond = await app.inject({ method: 'GET', url, headers: { range: `bytes=${pdf.length}-` } });
    expect(beyond.statusCode).toBe(416);
    expect(beyond.headers['content-range']).toBe(`bytes */${pdf.length}`);
    expect(beyond.json()).toMatchObject({ code: 'REPORTER_RANGE_NOT_SATISFIABLE' });
  });

  it('serves the tables as a zip of CSV files under the same rules', async () => {
    const response = await app.inject({ method: 'GET', url: '/v1/reports/topics/2/tables.zip' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/zip');
    expect(response.headers['content-disposition']).toBe('attachment; filename="topics-v2-tables.zip"');
    const files = unzipSync(response.rawPayload);
    expect(strFromU8(files['metrics.csv'] ?? new Uint8Array())).toContain(
      `Macro-F1,${candidate.manifest.metrics.test.macroF1},`,
    );
    const etag = String(response.headers.etag);
    expect(etag).toBe(`"${sha256(response.rawPayload)}"`);
    const again = await app.inject({
      method: 'GET',
      url: '/v1/reports/topics/2/tables.zip',
      headers: { 'if-none-match': etag },
    });
    expect(again.statusCode).toBe(304);
    const part = await app.inject({
      method: 'GET',
      url: '/v1/reports/topics/2/tables.zip',
      headers: { range: 'bytes=0-3' },
    });
    expect(part.statusCode).toBe(206);
    expect(part.rawPayload.toString('latin1')).toBe('PK\u0003\u0004');
  });

  it('regenerates: a new render of the same bytes, the registry record renewed, the old files deleted', async () => {
    const response = await app.inject({ method: 'POST', url: '/v1/reports/topics/2:regenerate' });
    expect(response.statusCode).toBe(202);
    expect(response.json()).toMatchObject({ status: 'pending', attempts: 0, model: 'topics', version: 2 });
    expect(response.json<Report>().sha256).toBeUndefined();
    const again = await waitFor(
      async () => {
        const answer = await status('topics', 2);
        return answer.body.status === 'ready' && answer.body.renderedAt !== ready.renderedAt ? answer.body : undefined;
      },
      120_000,
      100,
    );
    expect(again.sha256).toBe(ready.sha256);
    // The record turns ready first; the registry record and the event follow it (render-report.usecase).
    await waitFor(() => (trainer.reports.get('topics:2')?.renderedAt === again.renderedAt ? true : undefined), 30_000);
    await waitFor(() => (events.ready.length === 2 ? true : undefined), 30_000);
    expect(await filesOf('topics')).toBe(2);
  });
});

describe('the run report routes', () => {
  it('answer 404 for an unknown model or version, and for a version nobody asked a report for', async () => {
    expect(await problem('/v1/reports/topics/99')).toMatchObject({ status: 404, code: 'REPORTER_VERSION_NOT_FOUND' });
    expect(await problem('/v1/reports/nope/1.pdf')).toMatchObject({ status: 404, code: 'REPORTER_VERSION_NOT_FOUND' });
    expect(await problem('/v1/reports/nope/1/tables.zip')).toMatchObject({ status: 404 });
    expect(await problem('/v1/reports/nope/1:regenerate', 'POST')).toMatchObject({ status: 404 });
    const imported = trainer.register('imported', { 'manifest.json': json(candidate.manifest) });
    const missing = await problem(`/v1/reports/imported/${imported.version}`);
    expect(missing).toMatchObject({ status: 404, code: 'REPORTER_REPORT_NOT_FOUND' });
    expect(missing.detail).toContain(':regenerate');
    expect(await problem('/v1/reports/imported/1.pdf')).toMatchObject({
      status: 404,
      code: 'REPORTER_REPORT_NOT_FOUND',
    });
    expect(await problem('/v1/reports/topics/abc')).toMatchObject({ status: 400 });
  });

  it('answer 409 while the training run of the version has not finished', async () => {
    const version = trainer.register('topics', { 'manifest.json': json(candidate.manifest) }, { jobId: JOB.running });
    trainer.addJob({ id: JOB.running, modelName: 'topics', status: 'running' });
    const pdf = await problem(`/v1/reports/topics/${version.version}.pdf`);
    expect(pdf).toMatchObject({ status: 409, code: 'REPORTER_RUN_NOT_FINISHED' });
    expect(pdf.detail).toContain('running');
    expect(await problem(`/v1/reports/topics/${version.version}:regenerate`, 'POST')).toMatchObject({
      status: 409,
      code: 'REPORTER_RUN_NOT_FINISHED',
    });
  });

  it('render a version whose manifest lacks sections, listing what is missing', async () => {
    trainer.register('sparse', {
      'manifest.json': json({ formatVersion: 0, labels: ['a', 'b'], model: { name: 'sparse', task: 'topic' } }),
    });
    const queued = await app.inject({ method: 'POST', url: '/v1/reports/sparse/1:regenerate' });
    expect(queued.statusCode).toBe(202);
    const ready = await untilStatus('sparse', 1, 'ready');
    expect(ready.missing).toEqual(expect.arrayContaining(['headline', 'calibration', 'learningCurve', 'errors']));
    const response = await app.inject({ method: 'GET', url: '/v1/reports/sparse/1.pdf' });
    expect(response.statusCode).toBe(200);
    expect(sha256(response.rawPayload)).toBe(ready.sha256);
  });
});

describe('failure handling', () => {
  it('retries a failed attempt after a delay', async () => {
    trainer.register('flaky', { 'manifest.json': json(candidate.manifest) });
    trainer.failFiles(3, 'flaky');
    expect((await app.inject({ method: 'POST', url: '/v1/reports/flaky/1:regenerate' })).statusCode).toBe(202);
    const ready = await untilStatus('flaky', 1, 'ready');
    expect(ready.attempts).toBe(2);
    expect(ready.error).toBeUndefined();
  });

  it('gives up after the last attempt: failed with the error, report.failed, 409 naming the status; regenerate renders it', async () => {
    trainer.register('broken', { 'manifest.json': json(candidate.manifest) });
    trainer.failFiles(Number.MAX_SAFE_INTEGER, 'broken');
    expect((await app.inject({ method: 'POST', url: '/v1/reports/broken/1:regenerate' })).statusCode).toBe(202);
    const failed = await untilStatus('broken', 1, 'failed');
    expect(failed).toMatchObject({ attempts: 2, error: { code: 'STAND_IN_UNAVAILABLE' } });
    const heard = await waitFor(() => events.failed.find((event) => event.body.model === 'broken'), 30_000);
    expect(heard).toMatchObject({
      messageId: 'report.failed:broken:1:1',
      body: { version: 1, attempts: 2, error: { code: 'STAND_IN_UNAVAILABLE' } },
    });
    const conflict = await problem('/v1/reports/broken/1.pdf');
    expect(conflict).toMatchObject({ status: 409, code: 'REPORTER_REPORT_NOT_READY' });
    expect(conflict.detail).toContain('is failed');
    expect(await problem('/v1/reports/broken/1/tables.zip')).toMatchObject({ status: 409 });

    trainer.failFiles(0);
    const queued = await app.inject({ method: 'POST', url: '/v1/reports/broken/1:regenerate' });
    expect(queued.json()).toMatchObject({ status: 'pending', attempts: 0 });
    expect(queued.json<Report>().error).toBeUndefined();
    await untilStatus('broken', 1, 'ready');
  });

  it('dead-letters a render message that breaks its contract', async () => {
    await events.broker.publishWork(WORK_QUEUES.reportsRender, z.object({ junk: z.boolean() }), { junk: true });
    await waitFor(
      async () =>
        (await environment.rabbit.queueDepth(environment.vhost, `${WORK_QUEUES.reportsRender}.dlq`)) === 1
          ? true
          : undefined,
      30_000,
    );
  });
});

describe('comparison reports', () => {
  const url = (a: number, b: number, model = 'topics') => `/v1/reports/compare.pdf?model=${model}&a=${a}&b=${b}`;

  it('renders on demand and serves the cached PDF to the next request', async () => {
    const first = await app.inject({ method: 'GET', url: url(1, 2) });
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toBe('application/pdf');
    expect(first.headers['content-disposition']).toBe('attachment; filename="topics-v2-vs-v1.pdf"');
    expect(first.headers.etag).toBe(`"${sha256(first.rawPayload)}"`);
    const comparisons = () =>
      mongo.db(environment.dbName).collection('report_files.files').countDocuments({ 'metadata.kind': 'comparison' });
    expect(await comparisons()).toBe(1);
    const second = await app.inject({ method: 'GET', url: url(1, 2) });
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(await comparisons()).toBe(1);
    const notModified = await app.inject({
      method: 'GET',
      url: url(1, 2),
      headers: { 'if-none-match': String(first.headers.etag) },
    });
    expect(notModified.statusCode).toBe(304);
    expect(pageTexts(first.rawPayload).join('\n')).toContain('COMPARISON REPORT');
  });

  it('answers 422 naming the difference when the label sets differ, 404 for an unknown version', async () => {
    const other = trainer.register('topics', {
      'manifest.json': json({
        formatVersion: 0,
        labels: ['finance', 'sports'],
        model: { name: 'topics', task: 'topic' },
      }),
    });
    const refused = await problem(url(1, other.version));
    expect(refused).toMatchObject({ status: 422, code: 'REPORTER_NOT_COMPARABLE' });
    expect(refused.detail).toContain('"sports"');
    expect(await problem(url(1, 99))).toMatchObject({ status: 404, code: 'REPORTER_VERSION_NOT_FOUND' });
    expect(await problem(url(1, 2, 'nope'))).toMatchObject({ status: 404 });
  });

  it('answers 503 with Retry-After while the render gate is full', async () => {
    let release = (): void => undefined;
    const held = gate.run(() => new Promise<void>((resolve) => (release = resolve)));
    const busy = await app.inject({ method: 'GET', url: url(2, 1) });
    expect(busy.statusCode).toBe(503);
    expect(busy.headers['retry-after']).toBe('10');
    expect(busy.json()).toMatchObject({ code: 'REPORTER_BUSY' });
    release();
    await held;
    expect((await app.inject({ method: 'GET', url: url(2, 1) })).statusCode).toBe(200);
  });
});
