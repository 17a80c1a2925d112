import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';

const fromSources = extname(fileURLToPath(import.meta.url)) === '.ts';
/** `--cpu-prof` flags of the process, so a profiled service profiles its worker threads too. */
const profilingFlags = process.execArgv.filter((flag) => flag.startsWith('--cpu-prof'));

/**
 * Starts a worker thread on the module `moduleUrl` (its `.js` name). Run from TypeScript sources
 * (tsx, vitest), the thread registers tsx (which finds the `.ts` module behind the `.js` name)
 * before importing it; built, it runs the compiled module directly.
 */
export function startWorker(moduleUrl: URL, resourceLimits?: ResourceLimits): Worker {
  const entry = fromSources
    ? `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(moduleUrl.href)}); })`
    : moduleUrl;
  return new Worker(entry, {
    eval: fromSources,
    execArgv: [...profilingFlags, ...(fromSources ? ['--conditions=source'] : [])],
    ...(resourceLimits && { resourceLimits }),
  });
}
