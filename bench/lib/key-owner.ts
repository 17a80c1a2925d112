import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { freePort } from '@mlops/testing';
import { MongoClient } from 'mongodb';
import { infrastructure } from './infra.js';
import { startServer, type ServerProcess } from './server-process.js';

/**
 * A fresh API key for one benchmark run (`mlk_<prefix>_<secret>`): `label` (lower-case letters and
 * digits) and 4 random bytes make the public prefix, so runs never collide on it.
 */
export function benchApiKey(label: string): string {
  return `mlk_${label}${randomBytes(4).toString('hex')}_${randomBytes(32).toString('base64url')}`;
}

/** The `authorization` header that presents `key`. */
export function bearer(key: string): { readonly authorization: string } {
  return { authorization: `Bearer ${key}` };
}

/**
 * Environment that makes feature-store the key owner of a run: it stores `key` as its first admin
 * key (`MLOPS_BOOTSTRAP_ADMIN_KEY`, in a fresh database) and presents it itself (`API_KEY`).
 */
export function keyOwnerEnv(key: string): { readonly API_KEY: string; readonly MLOPS_BOOTSTRAP_ADMIN_KEY: string } {
  return { API_KEY: key, MLOPS_BOOTSTRAP_ADMIN_KEY: key };
}

/** feature-store running as the run's key owner. */
export interface KeyOwner {
  readonly server: ServerProcess;
  /** The admin key it stored; services and load present it. */
  readonly key: string;
  /** `{ authorization: 'Bearer <key>' }`. */
  readonly headers: { readonly authorization: string };
  /** What a service checking callers' keys needs: its own `API_KEY` and `FEATURE_STORE_URL`. */
  readonly serviceEnv: { readonly API_KEY: string; readonly FEATURE_STORE_URL: string };
  /** Stops feature-store and drops its database. */
  stop(): Promise<void>;
}

/** Which key owner to start. */
export interface KeyOwnerOptions {
  /** Prefix label of the run's key (lower-case letters and digits, 4-24 characters). */
  readonly label: string;
  /** feature-store's database, dropped before it starts (so the bootstrap key is stored) and after it stops. */
  readonly mongoDb: string;
}

async function dropDatabase(url: string, name: string): Promise<void> {
  const client = new MongoClient(url);
  try {
    await client.db(name).dropDatabase();
  } finally {
    await client.close();
  }
}

/**
 * Starts services/feature-store from source as its own process against the local MongoDB and
 * RabbitMQ (`scripts/infra`), with a fresh key of the run as its bootstrap admin key, and waits
 * until it accepts that key (a POST of one document). Other services started with `serviceEnv`
 * verify callers there (`/v1/keys/introspect`).
 */
export async function startKeyOwner(options: KeyOwnerOptions): Promise<KeyOwner> {
  const infra = infrastructure();
  const mongoUrl = infra.MONGO_URL ?? '';
  const key = benchApiKey(options.label);
  const headers = bearer(key);
  const port = await freePort();
  await dropDatabase(mongoUrl, options.mongoDb);
  const server = await startServer({
    command: process.execPath,
    args: ['--conditions=source', '--import', 'tsx', 'src/server.ts'],
    cwd: fileURLToPath(new URL('../../services/feature-store', import.meta.url)),
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      MONGO_URL: mongoUrl,
      MONGO_DB: options.mongoDb,
      AMQP_URL: infra.AMQP_URL,
      ...keyOwnerEnv(key),
    },
    probeUrl: `http://127.0.0.1:${port}/v1/documents`,
    probeBody: JSON.stringify({ records: [{ text: 'bench key owner readiness probe' }] }),
    probeHeaders: headers,
  });
  return {
    server,
    key,
    headers,
    serviceEnv: { API_KEY: key, FEATURE_STORE_URL: `http://127.0.0.1:${port}` },
    stop: async () => {
      await server.stop();
      await dropDatabase(mongoUrl, options.mongoDb);
    },
  };
}
