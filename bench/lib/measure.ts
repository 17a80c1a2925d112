import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { aptInstall } from './peers.js';

const GNU_TIME = '/usr/bin/time';

/** Installs GNU time (Debian `time`) when missing: it reports the peak RSS of a child process. */
export function ensureGnuTime(): void {
  if (!existsSync(GNU_TIME)) aptInstall(['time']);
}

export interface MeasuredRun {
  /** Wall time from spawn to exit, seconds. */
  readonly seconds: number;
  /** Maximum resident set size of the process (GNU time's %M), bytes; null when it could not be read. */
  readonly peakRssBytes: number | null;
  /** User plus system CPU time of the process (GNU time's %U + %S), seconds; null when it could not be read. */
  readonly cpuSeconds: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface MeasureOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Kills the process after this long (default 30 min) and fails. */
  readonly timeoutMs?: number;
}

/**
 * Runs a command as a child process under GNU time (`/usr/bin/time -f '%M %U %S'`, see
 * `ensureGnuTime`) and measures its wall time, peak RSS and CPU time. Fails when the command exits
 * non-zero, with its stderr tail. Without /usr/bin/time the command runs bare and RSS and CPU are null.
 */
export async function runMeasured(
  command: string,
  args: readonly string[],
  options: MeasureOptions = {},
): Promise<MeasuredRun> {
  const scratch = mkdtempSync(join(tmpdir(), 'bench-time-'));
  const usageFile = join(scratch, 'usage');
  const timed = existsSync(GNU_TIME);
  const [file, argv] = timed ? [GNU_TIME, ['-f', '%M %U %S', '-o', usageFile, command, ...args]] : [command, [...args]];
  try {
    const started = performance.now();
    const { code, signal, stdout, stderr } = await new Promise<{
      code: number | null;
      signal: NodeJS.Signals | null;
      stdout: string;
      stderr: string;
    }>((resolve, reject) => {
      const child = spawn(file, argv, {
        cwd: options.cwd,
        env: options.env ?? process.env,
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: options.timeoutMs ?? 30 * 60_000,
      });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
      child.on('error', reject);
      child.on('close', (exit, killedBy) => {
        resolve({
          code: exit,
          signal: killedBy,
          stdout: Buffer.concat(out).toString('utf8'),
          stderr: Buffer.concat(err).toString('utf8'),
        });
      });
    });
    const seconds = (performance.now() - started) / 1000;
    if (code !== 0) {
      throw new Error(
        `${command} ${args.join(' ')} exited ${code ?? signal ?? '?'} after ${seconds.toFixed(1)} s: ${stderr.slice(-2000)}`,
      );
    }
    let peakRssBytes: number | null = null;
    let cpuSeconds: number | null = null;
    if (timed) {
      const [kilobytes = NaN, user = NaN, system = NaN] = (
        readFileSync(usageFile, 'utf8').trim().split('\n').at(-1) ?? ''
      )
        .split(' ')
        .map(Number);
      if (Number.isFinite(kilobytes) && kilobytes > 0) peakRssBytes = kilobytes * 1024;
      if (Number.isFinite(user) && Number.isFinite(system)) cpuSeconds = user + system;
    }
    return { seconds, peakRssBytes, cpuSeconds, stdout, stderr };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
