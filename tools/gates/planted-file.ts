import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, two folders above this file. */
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** What a gate command printed and how it ended. */
export interface GateRun {
  readonly code: number;
  readonly output: string;
}

/** Runs a repository command (through pnpm exec) and returns its exit code and output, never throwing. */
export function runGate(command: string, args: readonly string[]): Promise<GateRun> {
  return new Promise((resolve) => {
    execFile(
      'pnpm',
      ['exec', command, ...args],
      { cwd: repoRoot, maxBuffer: 32 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, output: `${stdout}\n${stderr}` });
      },
    );
  });
}

/**
 * Writes a file that breaks a rule into the real tree (named `__planted__*`, ignored by git),
 * runs `check`, and always removes the file again.
 */
export async function withPlantedFile<T>(relativePath: string, content: string, check: () => Promise<T>): Promise<T> {
  const path = join(repoRoot, relativePath);
  const firstMissing = firstMissingFolder(dirname(path));
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  try {
    return await check();
  } finally {
    rmSync(firstMissing ?? path, { force: true, recursive: true });
  }
}

/** The outermost folder of `folder` that does not exist yet (to remove what planting created). */
function firstMissingFolder(folder: string): string | undefined {
  let missing: string | undefined;
  for (let current = folder; !existsSync(current); current = dirname(current)) missing = current;
  return missing;
}
