import type { Logger } from '@mlops/logger';
import { redactUrl } from '@mlops/logger';
import { MongoClient, type Db } from 'mongodb';
import type { IndexedCollection } from './collection-definition.js';
import { ensureIndexes } from './collection-definition.js';

/** How a service reaches its database. */
export interface MongoOptions {
  readonly url: string;
  readonly dbName: string;
  readonly appName: string;
  readonly logger: Logger;
  /** Collections whose indexes are created at connect time. */
  readonly collections?: readonly IndexedCollection[];
  /** How long an operation waits for a server before failing (default 5 s). */
  readonly serverSelectionTimeoutMs?: number;
  /** How long opening a connection may take (default 5 s). */
  readonly connectTimeoutMs?: number;
  /** How long a socket may stay silent during an operation before it is dropped (default 120 s). */
  readonly socketTimeoutMs?: number;
}

/** An open MongoDB client bound to the service's database. */
export interface MongoStore {
  readonly client: MongoClient;
  readonly db: Db;
  /** Readiness probe: rejects when the server does not answer. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Connects to MongoDB (or a wire-compatible server), creates the declared indexes and returns
 * the store. The driver reconnects by itself when the server comes back; operations issued
 * while it is away fail after `serverSelectionTimeoutMs` rather than hang.
 */
export async function connectMongo(options: MongoOptions): Promise<MongoStore> {
  const logger = options.logger.child({ component: 'mongo' });
  const client = new MongoClient(options.url, {
    appName: options.appName,
    serverSelectionTimeoutMS: options.serverSelectionTimeoutMs ?? 5000,
    connectTimeoutMS: options.connectTimeoutMs ?? 5000,
    socketTimeoutMS: options.socketTimeoutMs ?? 120_000,
    retryWrites: false,
  });
  client.on('serverHeartbeatFailed', (event) => logger.warn({ err: event.failure }, 'MongoDB heartbeat failed'));
  await client.connect();
  const db = client.db(options.dbName);
  await ensureIndexes(db, options.collections ?? []);
  logger.info({ url: redactUrl(options.url), db: options.dbName }, 'connected to MongoDB');
  return {
    client,
    db,
    ping: async () => {
      await db.command({ ping: 1 });
    },
    close: () => client.close(),
  };
}
