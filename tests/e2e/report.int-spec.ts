import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { EVENTS, reportReadyEventSchema, type Report } from '@mlops/contracts';
import type { HttpApp } from '@mlops/http';
import { createLogger } from '@mlops/logger';
import { Broker } from '@mlops/messaging';
import { createMlopsClient, UpstreamError, type FileAnswer, type MlopsClient } from '@mlops/sdk';
import {
  createTestEnvironment,
  freePort,
  waitFor,
  type TestEnvironment,
  testKeyVerifier,
  withTestKey,
  TEST_KEYS,
  testKeyFor,
} from '@mlops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { buildApp as buildTrainer } from '../../services/dl-trainer/src/app.js';
import { loadDlTrainerConfig } from '../../services/dl-trainer/src/config.js';
import { tarGz } from '../../services/dl-trainer/test/support/tarball.js';
import { buildApp as buildFeatureStore } from '../../services/feature-store/src/app.js';
import { loadFeatureStoreConfig } from '../../services/feature-store/src/config.js';
import { buildApp as buildNlp } from '../../services/nlp/src/app.js';
import { loadNlpConfig } from '../../services/nlp/src/config.js';
import { buildApp as buildReporter } from '../../services/reporter/src/app.js';
import { loadReporterConfig } from '../../services/reporter/src/config.js';
import { pageTexts } from '../../services/reporter/test/support/poppler.js';
import { importGlosses } from './support/import-glosses.js';

/*
 * A model trained by the real dl-trainer (feature-store and nlp in front of it) gets its PDF
 * report from the reporter: training.completed → reports.render → PDF in GridFS → the registry
 * records its sha256 → report.ready. The PDF is downloaded through the SDK's typed client and read
 * with pdftotext; the status, Range, regenerate and compare routes are checked on the way.
 */

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const LEXNAMES = ['noun.animal', 'noun.food', 'noun.artifact', 'noun.person'];
const REQUESTER = 'e2e.reporter@example.com';

const baseUrl = (app: HttpApp): string => `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

async function bytesOf(answer: FileAnswer): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of answer.body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('reports end to end: a version trained by dl-trainer gets its PDF report', () => {
  let environment: TestEnvironment;
  let nlp: HttpApp;
  let store: HttpApp;
  let trainer: HttpApp;
  let reporter: HttpApp;
  let events: Broker;
  let mlops: MlopsClient;
  const heard: z.infer<typeof reportReadyEventSchema>[] = [];
  const suffix = Date.now().toString(36);
  const dataset = `report-glosses-${suffix}`;
  const model = `lexname-report-${suffix}`;
  let first: Report;

  /** Queues a training job through the SDK, waits for it, and returns the version its run registered. */
  const train = async (seed: number): Promise<number> => {
    // The job records who asked: the owner of the key that submitted it.
    const requester = createMlopsClient({ trainerUrl: baseUrl(trainer), apiKey: testKeyFor(REQUESTER, ['train']) });
    const job = await requester.trainingJobs.submit({
      body: {
        modelName: model,
        task: 'lexname',
        dataset: { name: dataset, version: 1 },
        seed,
        config: { featurizer: { wordNgrams: { buckets: 4096 } }, data: { minRows: 20 } },
      },
    });
    const finished = await waitFor(
      async () => {
        const current = await mlops.trainingJobs.get({ params: { id: job.id } });
        return ['succeeded', 'failed', 'cancelled'].includes(current.status) ? current : undefined;
      },
      240_000,
      200,
    );
    expect(finished).toMatchObject({ status: 'succeeded' });
    const runs = await mlops.registry.runs.list({ query: { jobId: job.id } });
    const version = runs.items[0]?.modelVersion?.version;
    if (version === undefined) throw new Error(`job ${job.id} registered no version`);
    return version;
  };
  /** Polls the status route until the report is ready (and, when given, rendered after `after`). */
  const untilReady = (version: number, after?: string): Promise<Report> =>
    waitFor(
      async () => {
        const report = await mlops.reports.get({ params: { model, version } }).catch((error: unknown) => {
          if (error instanceof UpstreamError && error.status === 404) return undefined;
          throw error;
        });
        if (report?.status === 'failed') throw new Error(`report failed: ${JSON.stringify(report.error)}`);
        return report?.status === 'ready' && report.renderedAt !== after ? report : undefined;
      },
      180_000,
      200,
    );
  const manifestOf = async (version: number): Promise<{ metrics: { test: { macroF1: number } } }> => {
    const answer = await mlops.registry.versions.file({ params: { name: model, version, '*': 'manifest.json' } });
    return JSON.parse((await bytesOf(answer)).toString('utf8')) as { metrics: { test: { macroF1: number } } };
  };
  const refusal = (call: Promise<unknown>) =>
    call.then(
      () => undefined,
      (error: unknown) => (error instanceof UpstreamError ? error : undefined),
    );

  beforeAll(async () => {
    environment = await createTestEnvironment('report e2e');
    nlp = withTestKey(await buildNlp(loadNlpConfig({ LOG_LEVEL: 'silent' }), { keyVerifier: testKeyVerifier }));
    await nlp.listen({ host: '127.0.0.1', port: 0 });
    store = withTestKey(
      await buildFeatureStore(
        loadFeatureStoreConfig({ ...environment.env, NLP_URL: baseUrl(nlp), PROCESSING_WORKERS: '4' }),
        { keyVerifier: testKeyVerifier },
      ),
    );
    await store.listen({ host: '127.0.0.1', port: 0 });
    trainer = withTestKey(
      await buildTrainer(
        loadDlTrainerConfig({
          ...environment.env,
          FEATURE_STORE_URL: baseUrl(store),
          TRAINING_CHECKPOINT_INTERVAL_MS: '0',
        }),
        { keyVerifier: testKeyVerifier },
      ),
    );
    await trainer.listen({ host: '127.0.0.1', port: 0 });
    const reporterPort = await freePort();
    reporter = withTestKey(
      await buildReporter(
        loadReporterConfig({
          ...environment.env,
          REGISTRY_URL: baseUrl(trainer),
          FEATURE_STORE_URL: baseUrl(store),
          PUBLIC_URL: `http://127.0.0.1:${reporterPort}`,
          RENDER_RETRY_DELAY_MS: '500',
        }),
        { keyVerifier: testKeyVerifier },
      ),
    );
    await reporter.listen({ host: '127.0.0.1', port: reporterPort });
    events = await Broker.connect({
      url: environment.amqpUrl,
      logger: createLogger({ service: 'report-e2e', level: 'silent' }),
      connectionName: 'report-e2e',
      topology: { queues: [{ queue: 'e2e.report-ready', bindings: [EVENTS.reportReady] }] },
    });
    await events.consume({
      queue: 'e2e.report-ready',
      schema: reportReadyEventSchema,
      prefetch: 10,
      handler: async (event) => {
        heard.push(event);
        await Promise.resolve();
      },
    });
    mlops = createMlopsClient({
      trainerUrl: baseUrl(trainer),
      featureStoreUrl: baseUrl(store),
      reporterUrl: baseUrl(reporter),
      apiKey: TEST_KEYS.admin,
    });

    await importGlosses(store, LEXNAMES);
    await mlops.featureStore.datasets.create({ body: { name: dataset, task: 'lexname' } });
    await mlops.featureStore.datasets.freeze({ params: { name: dataset } });
  }, 300_000);

  afterAll(async () => {
    await events.close();
    await reporter.close();
    await trainer.close();
    await store.close();
    await nlp.close();
    await environment.dispose();
  });

  it('renders the report of a trained version: the macro-F1 of its manifest, its sha256 in the registry, report.ready', async () => {
    const version = await train(7);
    first = await untilReady(version);
    expect(first).toMatchObject({ model, version, status: 'ready', attempts: 1 });
    expect(first.pages).toBeGreaterThanOrEqual(10);

    const answer = await mlops.reports.pdf({ params: { model, version } });
    expect(answer.status).toBe(200);
    expect(answer.contentType).toBe('application/pdf');
    expect(answer.headers.get('content-disposition')).toBe(`attachment; filename="${model}-v${version}-report.pdf"`);
    expect(answer.headers.get('etag')).toBe(`"${first.sha256 ?? ''}"`);
    const pdf = await bytesOf(answer);
    expect(sha256(pdf)).toBe(first.sha256);

    const manifest = await manifestOf(version);
    const macroF1 = `${(manifest.metrics.test.macroF1 * 100).toFixed(1)}%`;
    const text = pageTexts(pdf).join('\n').replace(/\s+/g, ' ');
    expect(text).toContain(`its quality is ${macroF1} macro-F1`);
    expect(text).toContain(REQUESTER);
    expect(text).toContain('When this report was made, no version of the model was in production');

    const recorded = await mlops.registry.reports.get({ params: { name: model, version } });
    expect(recorded).toMatchObject({
      sha256: first.sha256,
      size: first.size,
      url: `${baseUrl(reporter)}/v1/reports/${model}/${version}.pdf`,
    });
    const event = await waitFor(() => heard.find((candidate) => candidate.version === version), 30_000);
    expect(event).toMatchObject({ model, sha256: first.sha256, url: recorded.url });
  }, 400_000);

  it('compares the next version with production in its report and on demand; 422 for versions with other labels', async () => {
    await mlops.registry.aliases.put({
      params: { name: model, alias: 'production' },
      body: { version: first.version, reason: 'report e2e' },
    });
    const version = await train(8);
    const second = await untilReady(version);
    const pdf = await bytesOf(await mlops.reports.pdf({ params: { model, version } }));
    const text = pageTexts(pdf).join('\n').replace(/\s+/g, ' ');
    expect(text).toContain(`This version (v${version}) against production (v${first.version})`);
    expect(sha256(pdf)).toBe(second.sha256);

    const comparison = await mlops.reports.compare({ query: { model, a: first.version, b: version } });
    expect(comparison.status).toBe(200);
    const comparisonPdf = await bytesOf(comparison);
    expect(comparison.headers.get('etag')).toBe(`"${sha256(comparisonPdf)}"`);
    expect(pageTexts(comparisonPdf).join('\n').replace(/\s+/g, ' ')).toContain(
      `B (v${version}) against A (v${first.version})`,
    );

    const archive = await tarGz([
      {
        name: 'manifest.json',
        content: JSON.stringify({ labels: ['noun_animal', 'noun_plant'], model: { name: model, task: 'lexname' } }),
      },
    ]);
    const imported = await mlops.registry.versions.import({
      params: { name: model },
      upload: { files: { content: archive, contentType: 'application/gzip' } },
    });
    const refused = await refusal(mlops.reports.compare({ query: { model, a: first.version, b: imported.version } }));
    expect(refused).toMatchObject({ kind: 'refused', status: 422, code: 'REPORTER_NOT_COMPARABLE' });
    expect(refused?.detail).toContain('"noun_plant"');
  }, 400_000);

  it('answers 404 for an unknown version, 409 while re-rendering, 206 for a Range; regenerate renders what changed since', async () => {
    const version = first.version;
    expect(await refusal(mlops.reports.get({ params: { model, version: 999 } }))).toMatchObject({
      status: 404,
      code: 'REPORTER_VERSION_NOT_FOUND',
    });
    expect(await refusal(mlops.reports.pdf({ params: { model: `${model}-none`, version: 1 } }))).toMatchObject({
      status: 404,
    });

    const part = await mlops.reports.pdf({ params: { model, version } }, { headers: { range: 'bytes=0-1023' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 0-1023/${first.size ?? 0}`);
    expect((await bytesOf(part)).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const queued = await mlops.reports.regenerate({ params: { model, version } });
    expect(queued).toMatchObject({ status: 'pending', attempts: 0 });
    // The render needs a broker round trip, six upstream calls and a PDF render: this one local
    // request is answered long before, while the record is pending or rendering.
    const conflict = await refusal(mlops.reports.pdf({ params: { model, version } }));
    expect(conflict).toMatchObject({ kind: 'refused', status: 409, code: 'REPORTER_REPORT_NOT_READY' });
    expect(conflict?.detail).toMatch(/is (pending|rendering)/);

    // Since its first report, this version was promoted: the new report says so, the old one did not.
    const again = await untilReady(version, first.renderedAt);
    expect(again.sha256).not.toBe(first.sha256);
    const text = pageTexts(await bytesOf(await mlops.reports.pdf({ params: { model, version } }))).join('\n');
    expect(text.replace(/\s+/g, ' ')).toContain('This version is the one in production now.');
    // The record in the registry is written after the report turns ready (then report.ready is published).
    const recorded = await waitFor(async () => {
      const current = await mlops.registry.reports.get({ params: { name: model, version } });
      return current.sha256 === again.sha256 ? current : undefined;
    }, 30_000);
    expect(recorded).toMatchObject({ renderedAt: again.renderedAt, sha256: again.sha256 });
  }, 300_000);
});
