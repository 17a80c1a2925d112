import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** How to start a worker: its compiled host module, or the host's TypeScript source through tsx. */
export interface WorkerEntry {
  readonly source: string | URL;
  readonly eval: boolean;
  readonly execArgv: string[];
}

const host = new URL('./worker-host.js', import.meta.url);

const exists = (url: URL) => existsSync(fileURLToPath(url));

/**
 * How a pool's worker starts: the worker host (which loads the task module) as compiled when both
 * the host and the task module (`./x.worker.js` next to its caller) are built. Run from sources
 * (tsx, vitest) only the `.ts` files exist: the worker registers tsx (which finds the `.ts` behind
 * each `.js` name) and resolves workspace packages to their sources.
 */
export function workerEntry(module: URL): WorkerEntry {
  if (exists(host) && exists(module)) return { source: host, eval: false, execArgv: [] };
  const source = new URL(module.href.replace(/\.js$/, '.ts'));
  if (!exists(source)) throw new Error(`worker module ${module.href} not found (nor its .ts)`);
  return {
    source: `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(host.href)}); })`,
    eval: true,
    execArgv: ['--conditions=source'],
  };
}
