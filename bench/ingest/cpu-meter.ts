import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const CLOCK_TICKS_PER_S = 100;

/** CPU seconds spent so far by this process and by the servers `scripts/infra` runs. */
export interface CpuSnapshot {
  readonly bench: number;
  readonly mongo: number;
  readonly amqp: number;
}

function serverPids(): { mongo?: number; amqp?: number } {
  let status = '';
  try {
    status = execFileSync('scripts/infra', ['status'], { encoding: 'utf8' });
  } catch (error) {
    status = (error as { stdout?: string }).stdout ?? '';
  }
  const pidOf = (service: string): number | undefined => {
    const match = new RegExp(`^${service}:\\s+up\\s+\\(.*?pid (\\d+)\\)`, 'm').exec(status);
    return match?.[1] ? Number(match[1]) : undefined;
  };
  return { mongo: pidOf('mongo'), amqp: pidOf('amqp') };
}

/** utime + stime of a process and its reaped children, in seconds (0 when it cannot be read). */
function cpuSecondsOf(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = [11, 12, 13, 14].reduce((sum, index) => sum + Number(fields[index] ?? 0), 0);
    return ticks / CLOCK_TICKS_PER_S;
  } catch {
    return 0;
  }
}

/**
 * Measures CPU time rather than wall time, so a run on a machine shared with other work still
 * says what one document costs: the bench process (feature-store and nlp), the MongoDB-wire
 * server and the RabbitMQ node.
 */
export function cpuMeter(): () => CpuSnapshot {
  const pids = serverPids();
  return () => {
    const own = process.cpuUsage();
    return {
      bench: (own.user + own.system) / 1e6,
      mongo: cpuSecondsOf(pids.mongo),
      amqp: cpuSecondsOf(pids.amqp),
    };
  };
}
