import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EVENTS, modelPromotedEventSchema } from '@mlops/contracts';
import { MongoClient } from 'mongodb';
import { createLogger } from '@mlops/logger';
import { Broker } from '@mlops/messaging';
import { StandInRegistry, type RegisteredFolder } from '@mlops/testing';
import { infrastructure } from '../../lib/infra.js';
import type { KeyOwner } from '../../lib/key-owner.js';
import { startServer, type ServerProcess } from '../../lib/server-process.js';
import type { ServingModel } from '../contender.js';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const SERVICE_DIR = join(REPO, 'services/inference');
/** One fixed queue for the benchmark's inference process, so runs leave no new queues behind. */
const PROMOTION_QUEUE = 'bench.serving.inference.model-promoted';
/** The service's database (the prediction log writes to it), dropped when the service stops. */
const MONGO_DB = 'bench_serving_inference';

/** The inference service under test, with the stand-in registry and the broker that promote versions to it. */
export interface InferenceService {
  readonly server: ServerProcess;
  /** Adds the run's model folder to the registry again as the next version; returns its number. */
  registerVersion(): number;
  /** Moves `production` to `version` in the registry and publishes `model.promoted`, as dl-trainer does. */
  promote(version: number): Promise<void>;
  /** Stops the service, then the registry and the broker connection. */
  stop(): Promise<void>;
}

/** Where the service starts and what it serves. */
export interface InferenceServiceOptions {
  readonly model: ServingModel;
  readonly port: number;
  readonly probeBody: string;
  /**
   * feature-store running as the key owner: the service presents its key (`API_KEY`), verifies
   * callers there, and the readiness probe sends it. The per-key rate limit is off (`RATE_LIMIT_MAX=0`).
   */
  readonly keyOwner: KeyOwner;
  /** Extra environment of the service (e.g. `BATCH_MAX_SIZE`); its defaults otherwise. */
  readonly env?: Readonly<Record<string, string>>;
}

/** `--cpu-prof` into `BENCH_SERVING_CPU_PROF_DIR` when set: a profile of the service per start, written at its exit. */
function profiling(): string[] {
  const dir = process.env.BENCH_SERVING_CPU_PROF_DIR;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
}

async function dropDatabase(url: string): Promise<void> {
  const client = new MongoClient(url);
  try {
    await client.db(MONGO_DB).dropDatabase();
  } finally {
    await client.close();
  }
}

function readFolder(dir: string): RegisteredFolder {
  return new Map(readdirSync(dir).map((path) => [path, readFileSync(join(dir, path))]));
}

/**
 * Starts services/inference from source as a child process (`node --conditions=source --import
 * tsx src/server.ts`) against the local MongoDB and RabbitMQ, a stand-in registry in this process
 * holding the run's model folder as version 1 under `production`, and a model cache in the run's
 * work folder, checking callers' keys with `keyOwner`. Resolves once the service answers `probeBody`
 * with the key (model loaded and warmed up).
 */
export async function startInferenceService(options: InferenceServiceOptions): Promise<InferenceService> {
  const { model } = options;
  const infra = infrastructure();
  const folder = readFolder(model.folderDir);
  const registry = new StandInRegistry();
  const registryUrl = await registry.start();
  registry.moveAlias(model.name, 'production', registry.register(model.name, folder));
  const broker = await Broker.connect({
    url: infra.AMQP_URL ?? '',
    logger: createLogger({ service: 'bench-serving', level: 'warn' }),
    connectionName: 'bench-serving',
    topology: { queues: [] },
  });
  let server: ServerProcess;
  try {
    server = await startServer({
      command: process.execPath,
      args: [...profiling(), '--conditions=source', '--import', 'tsx', 'src/server.ts'],
      cwd: SERVICE_DIR,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PORT: String(options.port),
        HOST: '127.0.0.1',
        MONGO_URL: infra.MONGO_URL,
        MONGO_DB,
        AMQP_URL: infra.AMQP_URL,
        REGISTRY_URL: registryUrl,
        MODELS: model.name,
        MODEL_CACHE_DIR: join(model.workDir, `inference-cache-${options.port}`),
        PROMOTION_QUEUE,
        ...options.keyOwner.serviceEnv,
        RATE_LIMIT_MAX: '0',
        ...options.env,
      },
      probeUrl: `http://127.0.0.1:${options.port}/v1/models/${model.name}/predict`,
      probeBody: options.probeBody,
      probeHeaders: options.keyOwner.headers,
    });
  } catch (error) {
    await broker.close();
    await registry.stop();
    throw error;
  }
  let sequence = 1;
  return {
    server,
    registerVersion: () => registry.register(model.name, folder),
    promote: async (version) => {
      registry.moveAlias(model.name, 'production', version);
      sequence += 1;
      await broker.publishEvent(EVENTS.modelPromoted, modelPromotedEventSchema, {
        name: model.name,
        alias: 'production',
        version,
        previousVersion: null,
        sequence,
        movedBy: 'bench',
        reason: 'hot-swap soak',
        movedAt: new Date().toISOString(),
      });
    },
    stop: async () => {
      await server.stop();
      await broker.close();
      await registry.stop();
      await dropDatabase(infra.MONGO_URL ?? '');
    },
  };
}
