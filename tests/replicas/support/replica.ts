import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { freePort, spawnService, waitFor, type ServiceProcess } from '@mlops/testing';

/**
 * The key of this test run: feature-store stores it as its first admin key
 * (`MLOPS_BOOTSTRAP_ADMIN_KEY`), every service presents it as its own `API_KEY`, and the test
 * sends it with every request.
 */
export const ADMIN_KEY = `mlk_${randomBytes(6).toString('hex')}_${randomBytes(32).toString('base64url')}`;

/** The environment that gives a service process the test run's key. */
export const KEY_ENV = { API_KEY: ADMIN_KEY, MLOPS_BOOTSTRAP_ADMIN_KEY: ADMIN_KEY } as const;

/** One service process of a replica set: where it listens and what it printed. */
export interface Replica {
  readonly name: string;
  readonly baseUrl: string;
  readonly process: ServiceProcess;
}

/** A service's folder, for `spawnService`. */
export function serviceDir(service: string): string {
  return fileURLToPath(new URL(`../../../services/${service}/`, import.meta.url));
}

/**
 * Starts `services/<service>/src/server.ts` as its own process on a free loopback port and
 * waits until `probe` (`/healthz` or `/readyz`) answers 200; the error carries its last output.
 */
export async function startReplica(
  name: string,
  service: string,
  env: Record<string, string>,
  probe: '/healthz' | '/readyz' = '/readyz',
): Promise<Replica> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const spawned = spawnService(serviceDir(service), { ...env, ...KEY_ENV, PORT: String(port), LOG_LEVEL: 'info' });
  await waitFor(
    async () => ((await fetch(`${baseUrl}${probe}`).catch(() => undefined))?.ok ? true : undefined),
    120_000,
  ).catch((error: unknown) => {
    throw new Error(`${name} did not answer ${probe}: ${String(error)}\n${spawned.output().slice(-3000)}`);
  });
  return { name, baseUrl, process: spawned };
}

/** Stops a replica with SIGTERM (its graceful drain) and waits for it to exit. */
export async function stopReplica(replica: Replica | undefined): Promise<void> {
  if (!replica) return;
  const { child } = replica.process;
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  await once(child, 'exit');
}

/** The JSON log lines a replica printed whose `msg` is `message`. */
export function logLines(replica: Replica, message: string): Record<string, unknown>[] {
  return replica.process
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => {
      try {
        return JSON.parse(line) as Record<string, unknown>;
      } catch {
        return {};
      }
    })
    .filter((entry) => entry.msg === message);
}

/** Sends JSON to a replica and returns the status and the parsed body (for the caller to narrow). */
export async function sendJson(
  replica: Replica,
  path: string,
  method = 'GET',
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const headers: Record<string, string> = { 'x-user': 'replicas-test', authorization: `Bearer ${ADMIN_KEY}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${replica.baseUrl}${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const parsed: unknown = await response.json();
  return { status: response.status, body: parsed };
}
