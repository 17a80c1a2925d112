import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, spawnService, waitFor, type ServiceProcess } from '@mlops/testing';

/** The six services of the suite, as their folders under services/ name them. */
export const SERVICES = [
  'feature-store',
  'nlp',
  'document-recognition',
  'dl-trainer',
  'inference',
  'reporter',
] as const;
export type ServiceName = (typeof SERVICES)[number];

/** The folder the browser suite writes what it saw to (screenshots, measurements, service logs). */
export const REPORT_DIR = fileURLToPath(new URL('../../../reports/browser/', import.meta.url));

/** The model inference serves in the browser suite (its production, canary and shadow versions). */
export const SERVED_MODEL = 'browser-topics';

/** Where each service of a running suite listens, and the admin key every service and test presents. */
export interface SuiteAddresses {
  readonly urls: Readonly<Record<ServiceName, string>>;
  readonly adminKey: string;
}

/** The suite's processes, which the set-up stops at the end. */
export interface RunningSuite extends SuiteAddresses {
  stop(): Promise<void>;
}

function serviceDir(service: ServiceName): string {
  return fileURLToPath(new URL(`../../../services/${service}/`, import.meta.url));
}

/** What each service reads to reach the others, beyond MongoDB, RabbitMQ and its key. */
function serviceEnv(service: ServiceName, urls: Record<ServiceName, string>, cacheDir: string): Record<string, string> {
  const store = { FEATURE_STORE_URL: urls['feature-store'] };
  const upstreams: Record<ServiceName, Record<string, string>> = {
    'feature-store': {
      NLP_URL: urls.nlp,
      RECOGNITION_URL: urls['document-recognition'],
      INFERENCE_URL: urls.inference,
      PROCESSING_WORKERS: '2',
    },
    nlp: { NLP_WORKERS: '1' },
    'document-recognition': {},
    'dl-trainer': { TRAINING_WORKERS: '2', STUDY_POLL_MS: '500', TRAINING_CHECKPOINT_INTERVAL_MS: '0' },
    inference: {
      REGISTRY_URL: urls['dl-trainer'],
      RECOGNITION_URL: urls['document-recognition'],
      MODELS: SERVED_MODEL,
      MODEL_CACHE_DIR: cacheDir,
      MODEL_RESYNC_MS: '2000',
      CANARY_SHARE: '0.5',
      PREDICTION_LOG_SAMPLE_RATE: '1',
      PREDICTION_LOG_MAX_PER_SECOND: '0',
      PREDICTION_LOG_FLUSH_MS: '200',
      DRIFT_WINDOW: '200',
      DRIFT_MIN_SAMPLES: '20',
    },
    reporter: {
      REGISTRY_URL: urls['dl-trainer'],
      PUBLIC_URL: urls.reporter,
      RENDER_RETRY_DELAY_MS: '1000',
      NLP_URL: urls.nlp,
      INFERENCE_URL: urls.inference,
    },
  };
  return { ...store, ...upstreams[service] };
}

/** inference is ready only once its served model has a production version, which the seed trains later. */
const probe = (service: ServiceName): string => (service === 'inference' ? '/healthz' : '/readyz');

/**
 * Starts one service from source with `env` (its port included) and resolves once it answers its
 * readiness probe; `track` gets the process at once (so a caller can stop it even if it never
 * becomes ready). The error carries the last of what it printed.
 */
async function launch(
  name: ServiceName,
  env: Record<string, string>,
  track: (process: ServiceProcess) => void,
): Promise<ServiceProcess> {
  const started = spawnService(serviceDir(name), { LOG_LEVEL: 'info', HOST: '127.0.0.1', ...env });
  track(started);
  const url = `http://127.0.0.1:${env.PORT ?? ''}`;
  const exited = once(started.child, 'exit').then(([code, signal]) => `exited (${String(code ?? signal)})`);
  const ready = waitFor(
    async () => ((await fetch(`${url}${probe(name)}`).catch(() => undefined))?.ok ? true : undefined),
    180_000,
    250,
  ).catch((error: unknown) => String(error));
  const outcome = await Promise.race([exited, ready]);
  if (outcome !== true) throw new Error(`${name} did not become ready: ${outcome}\n${started.output().slice(-3000)}`);
  return started;
}

/**
 * One more process of a service of a running suite (its own port, the suite's key and upstreams,
 * `overrides` over them): a reporter whose INFERENCE_URL nothing listens on plays "inference is down".
 */
export async function startExtraService(
  suite: SuiteAddresses,
  infraEnv: Readonly<Record<string, string>>,
  name: ServiceName,
  overrides: Record<string, string>,
): Promise<{ readonly url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const urls = { ...suite.urls, [name]: `http://127.0.0.1:${port}` };
  let started: ServiceProcess | undefined;
  await launch(
    name,
    { ...infraEnv, PORT: String(port), API_KEY: suite.adminKey, ...serviceEnv(name, urls, ''), ...overrides },
    (process) => (started = process),
  );
  return {
    url: urls[name],
    stop: async () => {
      const child = started?.child;
      if (child?.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * Starts the six services from source as processes on free loopback ports, against the MongoDB
 * database and RabbitMQ vhost in `infraEnv`, with one fresh admin key: feature-store stores it as
 * its bootstrap admin key, every service presents it as its own. Resolves once each answers
 * `/readyz` (inference `/healthz`); `overrides` replaces a service's variables (a closed URL plays a service that is down).
 */
export async function startSuite(
  infraEnv: Readonly<Record<string, string>>,
  cacheDir: string,
  overrides: Partial<Record<ServiceName, Record<string, string>>> = {},
): Promise<RunningSuite> {
  const adminKey = `mlk_${randomBytes(6).toString('hex')}_${randomBytes(32).toString('base64url')}`;
  const ports = await Promise.all(SERVICES.map(() => freePort()));
  const urls = Object.fromEntries(SERVICES.map((name, i) => [name, `http://127.0.0.1:${ports[i] ?? 0}`])) as Record<
    ServiceName,
    string
  >;
  const processes = new Map<ServiceName, ServiceProcess>();
  const stop = async (): Promise<void> => {
    mkdirSync(join(REPORT_DIR, 'logs'), { recursive: true });
    await Promise.all(
      [...processes].map(async ([name, { child, output }]) => {
        if (child.exitCode === null && child.signalCode === null) {
          const exited = once(child, 'exit');
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
          await exited;
          clearTimeout(timer);
        }
        writeFileSync(join(REPORT_DIR, 'logs', `${name}.log`), output());
      }),
    );
  };
  try {
    await Promise.all(
      SERVICES.map(async (name, i) => {
        await launch(
          name,
          {
            ...infraEnv,
            PORT: String(ports[i]),
            API_KEY: adminKey,
            ...(name === 'feature-store' ? { MLOPS_BOOTSTRAP_ADMIN_KEY: adminKey } : {}),
            ...serviceEnv(name, urls, cacheDir),
            ...overrides[name],
          },
          (process) => processes.set(name, process),
        );
      }),
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { urls, adminKey, stop };
}
