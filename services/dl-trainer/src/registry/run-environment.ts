import { execFile } from 'node:child_process';
import { availableParallelism, cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { TrainingRun } from '@mlops/contracts';

/** Where this process runs, for a training run's record. */
export function runEnvironment(backend: string): TrainingRun['environment'] {
  return {
    nodeVersion: process.version,
    platform: process.platform,
    arch: process.arch,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    cpuCount: availableParallelism(),
    backend,
  };
}

/**
 * The code version runs record: `GIT_SHA` when set (images are built with it), else the commit
 * of the checkout this service runs from, else `unknown`. Asked once at boot.
 */
export async function resolveCodeVersion(gitSha: string | undefined): Promise<string> {
  if (gitSha) return gitSha;
  return new Promise((resolve) => {
    execFile(
      'git',
      ['rev-parse', 'HEAD'],
      { cwd: fileURLToPath(new URL('.', import.meta.url)), timeout: 2000 },
      (error, stdout) => {
        const sha = stdout.trim();
        resolve(!error && /^[0-9a-f]{40,64}$/.test(sha) ? sha : 'unknown');
      },
    );
  });
}
