import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CliError, EXIT } from '../core/cli-error.js';

/**
 * The checkout the local suite runs from: the first folder holding `scripts/up`, looking up from
 * the working directory, then from this file (the CLI inside the repository).
 */
export function repositoryRoot(cwd: string): string {
  const starts = [cwd, dirname(fileURLToPath(import.meta.url))];
  for (const start of starts) {
    let folder = resolve(start);
    for (;;) {
      if (existsSync(join(folder, 'scripts', 'up')) && existsSync(join(folder, 'pnpm-workspace.yaml'))) return folder;
      const parent = dirname(folder);
      if (parent === folder) break;
      folder = parent;
    }
  }
  throw new CliError(
    EXIT.usage,
    'the local suite runs from a checkout of the repository: run this inside it (scripts/up was not found)',
    'NO_CHECKOUT',
  );
}

/** The folder scripts/up keeps the services' pid and log files in. */
export function servicesStateDir(env: NodeJS.ProcessEnv): string {
  const base = env.MLOPS_INFRA_DIR ?? join(env.TMPDIR ?? '/tmp', 'mlops-infra');
  return join(base, 'services');
}
