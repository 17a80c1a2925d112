import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ModelManifest } from '@mlops/ml/serving';

/**
 * What the model files worker is asked: to read a manifest (its bytes and the candidate ONNX files
 * by path), or the sha256 of some bytes.
 */
export type ModelFilesRequest =
  | {
      readonly id: number;
      readonly kind: 'manifest';
      readonly manifestBytes: ArrayBuffer;
      readonly onnxOf: Readonly<Record<string, ArrayBuffer>>;
    }
  | { readonly id: number; readonly kind: 'sha256'; readonly bytes: ArrayBuffer };

/** The parsed and validated manifest with the sha256 of the file it names as its input, or why it failed. */
export type ModelFilesReply =
  | { readonly id: number; readonly ok: true; readonly sha256: string }
  | { readonly id: number; readonly ok: true; readonly manifest: ModelManifest; readonly weightsSha256: string | null }
  | { readonly id: number; readonly ok: false; readonly name: string; readonly message: string };

/** A validated manifest and the sha256 of its ONNX file (null when the folder lacks it). */
export interface ReadModelFiles {
  readonly manifest: ModelManifest;
  readonly weightsSha256: string | null;
}

/** Raised with the name and message of the error the worker caught (e.g. `ManifestError`). */
export class ModelFilesError extends Error {
  constructor(
    override readonly name: string,
    message: string,
  ) {
    super(message);
  }
}

const here = fileURLToPath(import.meta.url);
const workerUrl = new URL('./model-files.worker.js', import.meta.url);
/**
 * Run from TypeScript sources (tsx, vitest), the worker registers tsx (which finds the `.ts` module
 * behind the `.js` name) before importing its module; built, it runs the compiled module directly.
 */
const fromSources = extname(here) === '.ts';
const workerEntry = fromSources
  ? `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(workerUrl.href)}); })`
  : workerUrl;

interface Pending {
  readonly resolve: (reply: Extract<ModelFilesReply, { ok: true }>) => void;
  readonly reject: (error: unknown) => void;
}

let worker: Worker | undefined;
let nextId = 0;
const pending = new Map<number, Pending>();

function failAll(error: unknown): void {
  worker = undefined;
  for (const waiting of pending.values()) waiting.reject(error);
  pending.clear();
}

/** The process's one model files worker, started on first use; it does not keep the process alive. */
function sharedWorker(): Worker {
  if (worker !== undefined) return worker;
  const started = new Worker(workerEntry, { eval: fromSources, execArgv: fromSources ? ['--conditions=source'] : [] });
  started.unref();
  started.on('message', (reply: ModelFilesReply) => {
    const waiting = pending.get(reply.id);
    pending.delete(reply.id);
    if (waiting === undefined) return;
    if (reply.ok) waiting.resolve(reply);
    else waiting.reject(new ModelFilesError(reply.name, reply.message));
  });
  started.on('error', failAll);
  started.on('exit', (code) => failAll(new Error(`the model files worker exited with code ${code}`)));
  worker = started;
  return started;
}

function copyOf(bytes: Uint8Array): ArrayBuffer {
  const copy = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(copy).set(bytes);
  return copy;
}

/**
 * Parses and validates `manifest.json` and hashes the other files on a worker thread, so a model
 * load does not block the event loop for the JSON parse and schema check of a large manifest
 * (about 50-110 ms for the 312k-feature, 9 MB SpamAssassin one). `files` maps the folder's paths
 * to their bytes; each file other than the manifest is copied to the worker as a candidate input.
 */
export function readModelFiles(
  manifestBytes: Uint8Array,
  files: ReadonlyMap<string, Uint8Array>,
): Promise<ReadModelFiles> {
  const manifestCopy = copyOf(manifestBytes);
  const onnxOf: Record<string, ArrayBuffer> = {};
  for (const [path, bytes] of files) if (path !== 'manifest.json') onnxOf[path] = copyOf(bytes);
  return ask({ id: nextId++, kind: 'manifest', manifestBytes: manifestCopy, onnxOf }, [
    manifestCopy,
    ...Object.values(onnxOf),
  ]).then((reply) => {
    if (!('manifest' in reply)) throw new Error('the model files worker answered a manifest read with a hash');
    return { manifest: reply.manifest, weightsSha256: reply.weightsSha256 };
  });
}

/** The sha256 (hex) of a copy of `bytes`, computed on the model files worker thread. */
export function sha256OffThread(bytes: Uint8Array): Promise<string> {
  const copy = copyOf(bytes);
  return ask({ id: nextId++, kind: 'sha256', bytes: copy }, [copy]).then((reply) => {
    if (!('sha256' in reply)) throw new Error('the model files worker answered a hash with a manifest');
    return reply.sha256;
  });
}

function ask(request: ModelFilesRequest, transfer: ArrayBuffer[]): Promise<Extract<ModelFilesReply, { ok: true }>> {
  return new Promise((resolve, reject) => {
    const target = sharedWorker();
    pending.set(request.id, { resolve, reject });
    target.postMessage(request, transfer);
  });
}
