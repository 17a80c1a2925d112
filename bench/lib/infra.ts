import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { RabbitManagement } from '@mlops/testing';

let infraEnv: Record<string, string> | undefined;

/**
 * MongoDB and RabbitMQ URLs (`MONGO_URL`, `AMQP_URL`, …) from `scripts/infra start`: idempotent,
 * it reuses running servers (its MLOPS_* variables choose which). Read once per process.
 */
export function infrastructure(): Record<string, string> {
  infraEnv ??= Object.fromEntries(
    execFileSync(fileURLToPath(new URL('../../scripts/infra', import.meta.url)), ['start'], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .map((line) => line.split(/=(.*)/s).slice(0, 2) as [string, string]),
  );
  return infraEnv;
}

/**
 * Moves this bench run onto a RabbitMQ vhost of its own, created now: the services it starts then
 * take no message of a suite that `scripts/up` runs on the same servers (a feature-store of the
 * bench would otherwise consume that suite's documents and find none of them), and leave none there.
 * `infrastructure()` answers with that vhost's `AMQP_URL` from then on. Returns what deletes it.
 */
export async function useOwnVhost(label: string): Promise<() => Promise<void>> {
  const infra = infrastructure();
  const rabbit = new RabbitManagement(infra.AMQP_MANAGEMENT_URL ?? '');
  const vhost = `bench_${label}_${randomBytes(4).toString('hex')}`;
  await rabbit.createVhost(vhost);
  const amqp = new URL(infra.AMQP_URL ?? '');
  amqp.pathname = `/${vhost}`;
  infra.AMQP_URL = amqp.toString();
  return () => rabbit.deleteVhost(vhost);
}
