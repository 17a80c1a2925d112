import type { Worker } from 'node:worker_threads';
import { startWorker } from './worker-entry.js';

/** What the model files worker is asked: the sha256 of some bytes. */
export interface ModelFilesRequest {
  readonly id: number;
  readonly kind: 'sha256';
  readonly bytes: ArrayBuffer;
}

/** The sha256 asked for, or why it failed. */
export type ModelFilesReply =
  | { readonly id: number; readonly ok: true; readonly sha256: string }
  | { readonly id: number; readonly ok: false; readonly name: string; readonly message: string };

/** Raised with the name and message of the error the worker caught (e.g. `ManifestError`). */
export class ModelFilesError extends Error {
  constructor(
    override readonly name: string,
    message: string,
  ) {
    super(message);
  }
}

const workerUrl = new URL('./model-files.worker.js', import.meta.url);

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
  const started = startWorker(workerUrl);
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

/** The sha256 (hex) of a copy of `bytes`, computed on the model files worker thread. */
export function sha256OffThread(bytes: Uint8Array): Promise<string> {
  const copy = copyOf(bytes);
  return ask({ id: nextId++, kind: 'sha256', bytes: copy }, [copy]).then((reply) => reply.sha256);
}

function ask(request: ModelFilesRequest, transfer: ArrayBuffer[]): Promise<Extract<ModelFilesReply, { ok: true }>> {
  return new Promise((resolve, reject) => {
    const target = sharedWorker();
    pending.set(request.id, { resolve, reject });
    target.postMessage(request, transfer);
  });
}
