/**
 * Probes a MongoDB-wire server the way feature-store uses it, at growing collection sizes: one
 * collection of 1 KB documents with a unique `sha256` index and a `{status, createdAt}` index;
 * medians of updateOne by `_id`, findOne by `sha256`, a status query sorted with limit 1, and the
 * rate of 8 concurrent updaters. Prints one JSON line per size. Used to choose the local store
 * (wiki/adr/ADR-0003-embedded-store.md).
 *
 *   npx tsx bench/ingest/store-probe.ts mongodb://127.0.0.1:27018 [label] [max documents, 50000]
 */
import { MongoClient } from 'mongodb';

const [url = 'mongodb://127.0.0.1:27018', label = 'store', max = '50000'] = process.argv.slice(2);
const SIZES = [2000, 10_000, 50_000].filter((size) => size <= Number(max));
const PAD = 'x'.repeat(900);

interface ProbeDoc {
  _id: string;
  sha256: string;
  status: string;
  createdAt: Date;
  updatedAt?: Date;
  pad: string;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function medianMs(times: number, operation: () => Promise<unknown>): Promise<number> {
  const spent: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    await operation();
    spent.push(performance.now() - start);
  }
  return Math.round(median(spent) * 100) / 100;
}

const client = new MongoClient(url, { maxPoolSize: 16 });
const db = client.db(`store_probe_${Date.now()}`);
const docs = db.collection<ProbeDoc>('docs');
await docs.createIndex({ sha256: 1 }, { unique: true });
await docs.createIndex({ status: 1, createdAt: 1 });
let count = 0;
const anyId = (): number => Math.floor(Math.random() * count);
try {
  for (const size of SIZES) {
    const started = performance.now();
    const before = count;
    while (count < size) {
      const batch: ProbeDoc[] = [];
      for (; batch.length < 1000 && count < size; count++)
        batch.push({ _id: `d${count}`, sha256: `h${count}`, status: 'received', createdAt: new Date(), pad: PAD });
      await docs.insertMany(batch, { ordered: false });
    }
    const insertRate = Math.round(((count - before) / (performance.now() - started)) * 1000);
    const update = await medianMs(200, () =>
      docs.updateOne({ _id: `d${anyId()}` }, { $set: { status: 'processing', updatedAt: new Date() } }),
    );
    const bySha = await medianMs(200, () => docs.findOne({ sha256: `h${anyId()}` }));
    const byStatus = await medianMs(10, () =>
      docs.find({ status: 'received' }).sort({ createdAt: 1 }).limit(1).toArray(),
    );
    let updates = 0;
    const until = performance.now() + 3000;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (performance.now() < until) {
          await docs.updateOne({ _id: `d${anyId()}` }, { $set: { status: 'ready', updatedAt: new Date() } });
          updates += 1;
        }
      }),
    );
    process.stdout.write(
      `${JSON.stringify({
        label,
        docs: count,
        insertMany_docs_per_s: insertRate,
        updateById_ms: update,
        findBySha_ms: bySha,
        statusSortLimit1_ms: byStatus,
        concurrentUpdates_per_s: Math.round(updates / 3),
      })}\n`,
    );
  }
} finally {
  await db.dropDatabase().catch(() => undefined);
  await client.close();
}
