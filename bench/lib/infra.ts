import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

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
