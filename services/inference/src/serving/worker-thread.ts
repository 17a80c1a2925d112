import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';

const fromSources = extname(fileURLToPath(import.meta.url)) === '.ts';
/** `--cpu-prof` flags of the process, so a profiled service profiles its worker threads too. */
const profilingFlags = process.execArgv.filter((flag) => flag.startsWith('--cpu-prof'));

/** Raised on the main thread with the name and message of an error a worker thread caught. */
export class WorkerThreadError extends Error {
  constructor(
    override readonly name: string,
    message: string,
  ) {
    super(message);
  }
}

/** A copy of `bytes` in an ArrayBuffer of its own, to transfer to a worker thread. */
export function transferableCopy(bytes: Uint8Array): ArrayBuffer {
  const copy = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(copy).set(bytes);
  return copy;
}

/**
 * An ArrayBuffer holding exactly `bytes`, to transfer to a worker thread: their own buffer when
 * they span all of it (a file read whole, a download), so that it moves without a copy and
 * `bytes` is left detached (empty); a copy otherwise (a slice of Node's shared pool). Moving
 * the large files of a model rather than copying them keeps megabytes per load off the event
 * loop's heap, whose garbage collections would stall every request in flight.
 */
export function handOver(bytes: Uint8Array): ArrayBuffer {
  const { buffer } = bytes;
  const whole = buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength;
  return whole ? buffer : transferableCopy(bytes);
}

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
