import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const MAIN = fileURLToPath(new URL('../../../libs/cli/src/main.ts', import.meta.url));

/** What a run of the CLI binary printed and how it exited. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The command line of the `mlops` binary run from its sources (tsx, workspace packages by their `source` condition). */
export function cliCommand(): string[] {
  return [process.execPath, '--import', 'tsx', '--conditions=source', MAIN];
}

/** Runs `mlops <args>` as a child process with `env` over a clean environment (no colour, no profile). */
export function runMlops(args: readonly string[], env: Record<string, string>, stdin?: string): Promise<CliRun> {
  const [node = process.execPath, ...prefix] = cliCommand();
  return new Promise((resolve, reject) => {
    const child = spawn(node, [...prefix, ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: env.HOME ?? '/nonexistent', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}
