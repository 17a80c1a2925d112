/**
 * Ingest throughput on the local default store: text records from upload to `ready`, end to end
 * through feature-store (MongoDB, RabbitMQ) and nlp, the services running in this process on
 * loopback ports as `scripts/up` would run them. Two corpora by default: every SpamAssassin
 * message (6,046) and 50,000 WordNet noun glosses, the latter with the rate per 10,000 ready
 * documents to show whether it falls as the collection grows. `spamassassin-eml` uploads the
 * messages as .eml files (multipart, as `mlops ingest` does), extracted by document-recognition.
 *
 *   BENCH_INGEST_CORPORA=spamassassin,wordnet,spamassassin-eml  BENCH_INGEST_COUNT=<cap per corpus>
 *   BENCH_INGEST_WORKERS=8  BENCH_RESULT_NAME=ingest
 */
import { createServer, type AddressInfo } from 'node:net';
import { MongoClient } from 'mongodb';
import { buildApp as buildRecognition } from '../../services/document-recognition/src/app.js';
import { loadDocumentRecognitionConfig } from '../../services/document-recognition/src/config.js';
import { buildApp as buildFeatureStore } from '../../services/feature-store/src/app.js';
import { loadFeatureStoreConfig } from '../../services/feature-store/src/config.js';
import { buildApp as buildNlp } from '../../services/nlp/src/app.js';
import { loadNlpConfig } from '../../services/nlp/src/config.js';
import { infrastructure, useOwnVhost } from '../lib/infra.js';
import { benchApiKey, bearer, keyOwnerEnv } from '../lib/key-owner.js';
import { writeResults, type BenchRow } from '../lib/results.js';
import { cpuMeter, type CpuSnapshot } from './cpu-meter.js';
import { CORPORA, type IngestCorpus, type IngestRecord } from './corpora.js';
import { uploadFiles } from './file-upload.js';
import { watchOutcomes } from './outcome-watcher.js';
import { describeStore, infraMongoImpl } from './store-name.js';

const BATCH = 1000;
const BLOCK = 10_000;
const TIMEOUT_MS = Number(process.env.BENCH_INGEST_TIMEOUT_MS ?? 40 * 60_000);
const CAP = process.env.BENCH_INGEST_COUNT ? Number(process.env.BENCH_INGEST_COUNT) : undefined;
const WORKERS = process.env.BENCH_INGEST_WORKERS ?? '8';
/**
 * The admin key feature-store stores at its first start in each bench database; the bench uploads
 * with it, and feature-store and nlp present it to each other (admin implies introspect).
 */
const ADMIN_KEY = benchApiKey('benchingest');

const dropVhost = await useOwnVhost('ingest');
const infra = infrastructure();
const impl = infraMongoImpl();
const system = `feature-store + nlp, store ${impl}`;
const cpu = cpuMeter();
const mongo = new MongoClient(infra.MONGO_URL ?? '');
const watcher = await watchOutcomes(infra.AMQP_URL ?? '', infra.AMQP_MANAGEMENT_URL ?? '', BLOCK).catch(
  async (error: unknown) => {
    await dropVhost();
    throw error;
  },
);

/** A loopback port nothing listens on now (nlp needs its port before feature-store, and the other way round). */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** One batch upload (a 5xx is retried by the caller: a retried batch answers duplicates for what it stored). */
function upload(store: Awaited<ReturnType<typeof buildFeatureStore>>, records: readonly IngestRecord[]) {
  return store.inject({
    method: 'POST',
    url: '/v1/documents',
    headers: bearer(ADMIN_KEY),
    payload: { records },
  });
}

/** Uploads one corpus into a database of its own and waits until every new document has an outcome. */
async function runCase(corpus: IngestCorpus, count: number): Promise<BenchRow[]> {
  const files = corpus.files?.(count);
  const records = corpus.records(count);
  const total = files?.length ?? records.length;
  const label = corpus.describe(total);
  const dbName = `bench_ingest_${corpus.name.replace(/\W/g, '_')}_${Date.now()}`;
  const nlpPort = await freePort();
  const recognitionPort = await freePort();
  const store = await buildFeatureStore(
    loadFeatureStoreConfig({
      MONGO_URL: infra.MONGO_URL,
      MONGO_DB: dbName,
      AMQP_URL: infra.AMQP_URL,
      NLP_URL: `http://127.0.0.1:${nlpPort}`,
      RECOGNITION_URL: `http://127.0.0.1:${recognitionPort}`,
      PROCESSING_WORKERS: WORKERS,
      LOG_LEVEL: 'warn',
      ...keyOwnerEnv(ADMIN_KEY),
    }),
  );
  await store.listen({ host: '127.0.0.1', port: 0 });
  const nlp = await buildNlp(
    loadNlpConfig({
      LOG_LEVEL: 'warn',
      API_KEY: ADMIN_KEY,
      FEATURE_STORE_URL: `http://127.0.0.1:${(store.server.address() as AddressInfo).port}`,
    }),
  );
  await nlp.listen({ host: '127.0.0.1', port: nlpPort });
  const storeUrl = `http://127.0.0.1:${(store.server.address() as AddressInfo).port}`;
  const recognition = await buildRecognition(
    loadDocumentRecognitionConfig({ LOG_LEVEL: 'warn', API_KEY: ADMIN_KEY, FEATURE_STORE_URL: storeUrl }),
  );
  await recognition.listen({ host: '127.0.0.1', port: recognitionPort });
  const before = { ready: watcher.ready, failed: watcher.failed, marks: watcher.marks.length };
  let created = 0;
  let retries = 0;
  const cpuBefore = cpu();
  const started = performance.now();
  if (files) {
    const uploaded = await uploadFiles(storeUrl, { ...bearer(ADMIN_KEY) }, files);
    watcher.expect(uploaded.created);
    created += uploaded.created.length;
    retries += uploaded.retries;
  }
  for (let i = 0; i < records.length; i += BATCH) {
    let response = await upload(store, records.slice(i, i + BATCH));
    for (let attempt = 1; response.statusCode >= 500 && attempt < 3; attempt++) {
      retries += 1;
      await new Promise((resolve) => setTimeout(resolve, 2000));
      response = await upload(store, records.slice(i, i + BATCH));
    }
    if (response.statusCode >= 400)
      throw new Error(`upload answered ${response.statusCode}: ${response.body.slice(0, 300)}`);
    const fresh = response
      .json<{ items: { id: string; duplicate: boolean }[] }>()
      .items.filter((item) => !item.duplicate)
      .map((item) => item.id);
    watcher.expect(fresh);
    created += fresh.length;
  }
  const uploadedMs = performance.now() - started;
  await watcher.settled(before.ready + before.failed + created, started + TIMEOUT_MS);
  const totalMs = performance.now() - started;
  const cpuSpent = spentSince(cpuBefore);
  const ready = watcher.ready - before.ready;
  const failed = watcher.failed - before.failed;
  await store.close();
  await nlp.close();
  await recognition.close();
  await mongo.db(dbName).dropDatabase();
  const rows: BenchRow[] = [
    {
      system: 'feature-store',
      case: files ? `${label}, upload (25 files a request, 4 in flight)` : `${label}, upload (batches of ${BATCH})`,
      metric: 'docs_per_s',
      value: Math.round((total / uploadedMs) * 1000),
      unit: '1/s',
    },
    {
      system,
      case: `${label}, upload to ready`,
      metric: 'docs_per_s',
      value: Math.round((ready / totalMs) * 1000),
      unit: '1/s',
    },
    {
      system,
      case: `${label}, upload to ready`,
      metric: 'wall_time',
      value: Math.round(totalMs / 100) / 10,
      unit: 's',
    },
    { system, case: `${label}, upload to ready`, metric: 'ready', value: ready, unit: 'docs' },
    { system, case: `${label}, upload to ready`, metric: 'failed', value: failed, unit: 'docs' },
    { system, case: `${label}, upload to ready`, metric: 'duplicates', value: total - created, unit: 'docs' },
    { system, case: `${label}, upload to ready`, metric: 'upload_retries', value: retries, unit: 'requests' },
  ];
  rows.push(...cpuRows(label, cpuSpent, ready + failed));
  if (ready >= 2 * BLOCK) rows.push(...blockRows(label, watcher.marks.slice(before.marks), started));
  return rows;
}

function spentSince(before: CpuSnapshot): CpuSnapshot {
  const now = cpu();
  return { bench: now.bench - before.bench, mongo: now.mongo - before.mongo, amqp: now.amqp - before.amqp };
}

/**
 * CPU milliseconds per processed document by component, and the rate they allow on two cores
 * that do nothing else (an estimate from CPU time, not a measured rate: a shared machine gives
 * the run a fraction of its cores).
 */
function cpuRows(label: string, spent: CpuSnapshot, processed: number): BenchRow[] {
  if (processed === 0) return [];
  const perDoc = (seconds: number): number => Math.round((seconds / processed) * 10_000) / 10;
  const total = spent.bench + spent.mongo + spent.amqp;
  const row = (who: string, seconds: number): BenchRow => ({
    system,
    case: `${label}, upload to ready, CPU of ${who}`,
    metric: 'cpu_ms_per_doc',
    value: perDoc(seconds),
    unit: 'ms',
  });
  return [
    row('feature-store + nlp (bench process)', spent.bench),
    row('the MongoDB-wire server', spent.mongo),
    row('RabbitMQ', spent.amqp),
    {
      system,
      case: `${label}, upload to ready, estimated from CPU time for 2 idle cores`,
      metric: 'estimated_docs_per_s',
      value: Math.round((2 * processed) / total),
      unit: '1/s',
    },
  ];
}

/** The rate of each block of BLOCK ready documents, from the arrival times of the block ends. */
function blockRows(label: string, marks: readonly number[], started: number): BenchRow[] {
  return marks.map((at, index) => ({
    system,
    case: `${label}, upload to ready, ready documents ${index * BLOCK + 1}-${(index + 1) * BLOCK}`,
    metric: 'docs_per_s',
    value: Math.round((BLOCK / (at - (index === 0 ? started : (marks[index - 1] ?? started)))) * 1000),
    unit: '1/s',
  }));
}

const rows: BenchRow[] = [];
try {
  for (const name of (process.env.BENCH_INGEST_CORPORA ?? 'spamassassin,wordnet').split(',')) {
    const entry = CORPORA[name.trim()];
    if (!entry) throw new Error(`unknown corpus '${name}' (known: ${Object.keys(CORPORA).join(', ')})`);
    rows.push(...(await runCase(entry.corpus, Math.min(CAP ?? entry.defaultCount, entry.defaultCount))));
  }
} finally {
  await watcher.close();
  await mongo.close();
  await dropVhost();
}

process.stdout.write(
  `${writeResults(process.env.BENCH_RESULT_NAME ?? 'ingest', rows, [
    `store: ${describeStore(impl)}; RabbitMQ from scripts/infra; feature-store and nlp in one process; ${WORKERS} processing workers`,
    'ready is counted from document.ready events on a queue of the bench (no status queries on the store while it runs)',
  ])}\n`,
);
