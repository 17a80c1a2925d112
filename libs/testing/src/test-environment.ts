import { randomBytes } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { managementUrlFor } from './infrastructure.js';
import { TEST_KEYS } from './test-keys.js';
import { RabbitManagement } from './rabbit-management.js';

/** What one test suite gets: its own database and its own RabbitMQ vhost on the shared servers. */
export interface TestEnvironment {
  readonly mongoUrl: string;
  readonly dbName: string;
  /** AMQP URL pointing at the suite's own vhost. */
  readonly amqpUrl: string;
  readonly vhost: string;
  readonly rabbit: RabbitManagement;
  /** Environment variables a service's config reads, pointing at the suite's database and vhost. */
  readonly env: Readonly<Record<string, string>>;
  /** Drops the database and deletes the vhost. */
  dispose(): Promise<void>;
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value)
    throw new Error(`${name} is not set: run the tests through vitest (its global setup provides the servers)`);
  return value;
}

/** A suite's database and vhost name: `t_<slug>-<creation time, base 36 ms>_<random>` (slugs have no `-`). */
function suiteId(suite: string): string {
  const slug = suite
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .slice(0, 32);
  return `t_${slug}-${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

const SUITE_ID = /^t_[a-z0-9_]*?(?:-([0-9a-z]+))?_[0-9a-f]{8}$/;

/**
 * The suite vhosts among `names` that a run killed before its clean-up left behind: those created
 * more than `maxAgeMs` before `now`, and those named before names carried their creation time.
 */
export function staleSuiteIds(names: readonly string[], now: number, maxAgeMs: number): string[] {
  return names.filter((name) => {
    const match = SUITE_ID.exec(name);
    if (!match) return false;
    const stamp = match[1];
    return stamp === undefined || now - Number.parseInt(stamp, 36) > maxAgeMs;
  });
}

/**
 * Creates an isolated environment for one suite on the servers the global setup provided:
 * a fresh database name and a fresh vhost, so suites can run in parallel.
 */
export async function createTestEnvironment(suite: string): Promise<TestEnvironment> {
  const mongoUrl = requiredEnv('MONGO_URL');
  const baseAmqpUrl = requiredEnv('AMQP_URL');
  const rabbit = new RabbitManagement(process.env.AMQP_MANAGEMENT_URL ?? managementUrlFor(baseAmqpUrl));
  const id = suiteId(suite);
  await rabbit.createVhost(id);
  const amqp = new URL(baseAmqpUrl);
  amqp.pathname = `/${encodeURIComponent(id)}`;
  const amqpUrl = amqp.toString();
  return {
    mongoUrl,
    dbName: id,
    amqpUrl,
    vhost: id,
    rabbit,
    env: {
      MONGO_URL: mongoUrl,
      MONGO_DB: id,
      AMQP_URL: amqpUrl,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      API_KEY: TEST_KEYS.service,
    },
    dispose: async () => {
      const client = new MongoClient(mongoUrl, { serverSelectionTimeoutMS: 5000 });
      try {
        await client.db(id).dropDatabase();
      } finally {
        await client.close();
      }
      await rabbit.deleteVhost(id);
    },
  };
}
