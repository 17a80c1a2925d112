import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Peak resident set size of a live process (`VmHWM` in /proc/<pid>/status), bytes; null when unreadable. */
export function peakRssOf(pid: number): number | null {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match?.[1] === undefined ? null : Number(match[1]) * 1024;
  } catch {
    return null;
  }
}

/** Resident set size of a live process now (`VmRSS` in /proc/<pid>/status), bytes; null when unreadable. */
export function rssOf(pid: number): number | null {
  try {
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match?.[1] === undefined ? null : Number(match[1]) * 1024;
  } catch {
    return null;
  }
}

let clockTicks: number | undefined;

/** User + system CPU time of a live process and all its threads so far (/proc/<pid>/stat), seconds; null when unreadable. */
export function cpuSecondsOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name: state is field 3, utime field 14, stime field 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const user = Number(fields[11]);
    const system = Number(fields[12]);
    if (!Number.isFinite(user) || !Number.isFinite(system)) return null;
    clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    return (user + system) / clockTicks;
  } catch {
    return null;
  }
}

export interface ServerOptions {
  readonly command: string;
  readonly args: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  /** Working directory of the server; this process's when absent. */
  readonly cwd?: string;
  /** Polled with `probeBody` until it answers 2xx. */
  readonly probeUrl: string;
  readonly probeBody: string;
  /** Extra headers of the probe (e.g. `authorization`). */
  readonly probeHeaders?: Readonly<Record<string, string>>;
  /** Gives up (and kills the process) after this long; default 120 s. */
  readonly readyTimeoutMs?: number;
}

export interface ServerProcess {
  readonly pid: number;
  /** Peak RSS of the server process so far (read while it runs), bytes. */
  peakRssBytes(): number | null;
  /** User + system CPU time of the server process so far, seconds. */
  cpuSeconds(): number | null;
  /** Resident set size of the server process now, bytes. */
  rssBytes(): number | null;
  /** SIGTERM, then SIGKILL after 5 s; resolves when the process has exited. */
  stop(): Promise<void>;
}

const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });

/**
 * Starts a server as a child process (its own process, so its peak RSS is its own) and waits until
 * a POST of `probeBody` to `probeUrl` answers 2xx. Fails with the stderr tail when it exits first
 * or is not ready in time.
 */
export async function startServer(options: ServerOptions): Promise<ServerProcess> {
  const child: ChildProcess = spawn(options.command, [...options.args], {
    env: options.env ?? process.env,
    cwd: options.cwd,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${options.command}`);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      resolve();
    });
  });
  const state = { exited: false };
  void exited.then(() => {
    state.exited = true;
  });
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(killer);
  };
  const deadline = performance.now() + (options.readyTimeoutMs ?? 120_000);
  while (performance.now() < deadline) {
    if (state.exited) throw new Error(`${options.command} ${options.args.join(' ')} exited early: ${stderr}`);
    try {
      const response = await fetch(options.probeUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...options.probeHeaders },
        body: options.probeBody,
      });
      await response.arrayBuffer();
      if (response.ok)
        return {
          pid,
          peakRssBytes: () => peakRssOf(pid),
          cpuSeconds: () => cpuSecondsOf(pid),
          rssBytes: () => rssOf(pid),
          stop,
        };
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  await stop();
  throw new Error(`${options.command} ${options.args.join(' ')} was not ready in time: ${stderr}`);
}
