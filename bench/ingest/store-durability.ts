/**
 * Crash test of the `scripts/infra` MongoDB-wire server: N acknowledged inserts (one by one) and
 * N acknowledged updates (8 at a time), then SIGKILL of the server right after the last
 * acknowledgement, `scripts/infra start mongo`, and a count of what survived. Run it on a state
 * folder and ports of its own (it kills that folder's server):
 *
 *   MLOPS_INFRA_DIR=/tmp/probe MLOPS_MONGO_PORT=27158 MLOPS_AMQP_PORT=5798 MLOPS_AMQP_MGMT_PORT=15798 \
 *     npx tsx bench/ingest/store-durability.ts [N, 1000]
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { MongoClient } from 'mongodb';

const N = Number(process.argv[2] ?? 1000);
const stateDir = process.env.MLOPS_INFRA_DIR;
if (!stateDir)
  throw new Error('set MLOPS_INFRA_DIR (and ports) to a state folder of its own: this test kills its server');

function startMongo(): string {
  const lines = execFileSync('scripts/infra', ['start', 'mongo'], { encoding: 'utf8' }).split('\n');
  const url = lines.find((line) => line.startsWith('MONGO_URL='))?.slice('MONGO_URL='.length);
  if (!url) throw new Error('scripts/infra printed no MONGO_URL');
  return url;
}

const url = startMongo();
const writer = new MongoClient(url);
const docs = writer.db('durability_probe').collection<{ _id: string; sha256: string; v: number }>('docs');
await docs.drop().catch(() => undefined);
await docs.createIndex({ sha256: 1 }, { unique: true });
for (let i = 0; i < N; i++) await docs.insertOne({ _id: `k${i}`, sha256: `s${i}`, v: 0 });
let next = 0;
await Promise.all(
  Array.from({ length: 8 }, async () => {
    for (let i = next++; i < N; i = next++) await docs.updateOne({ _id: `k${i}` }, { $set: { v: 1 } });
  }),
);
const pid = Number(readFileSync(`${stateDir}/run/mongo.pid`, 'utf8').trim());
process.kill(pid, 'SIGKILL');
await writer.close(true).catch(() => undefined);
while (
  ((): boolean => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  })()
)
  await new Promise((resolve) => setTimeout(resolve, 50));

const reader = new MongoClient(startMongo());
const kept = reader.db('durability_probe').collection<{ _id: string; sha256?: string; v?: number }>('docs');
let duplicateRejected = false;
try {
  await kept.insertOne({ _id: 'again', sha256: 's0' });
} catch (error) {
  duplicateRejected = (error as { code?: number }).code === 11000;
}
const result = {
  acknowledged: { inserts: N, updates: N },
  kept: {
    documents: await kept.countDocuments({ _id: { $ne: 'again' } }),
    updated: await kept.countDocuments({ v: 1 }),
  },
  uniqueIndexEnforced: duplicateRejected,
};
await reader.db('durability_probe').dropDatabase();
await reader.close();
process.stdout.write(`${JSON.stringify(result)}\n`);
