import type { Worker } from 'node:worker_threads';
import { handOver, startWorker, WorkerThreadError } from './worker-thread.js';

/** What the model files worker is asked: the sha256 of some bytes. */
export interface ModelFilesRequest {
  readonly id: number;
  readonly kind: 'sha256';
  readonly bytes: ArrayBuffer;
}

/** The sha256 asked for and the bytes handed back, or why it failed. */
export type ModelFilesReply =
  | { readonly id: number; readonly ok: true; readonly sha256: string; readonly bytes: ArrayBuffer }
  | { readonly id: number; readonly ok: false; readonly name: string; readonly message: string };

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
    else waiting.reject(new WorkerThreadError(reply.name, reply.message));
  });
  started.on('error', failAll);
  started.on('exit', (code) => failAll(new Error(`the model files worker exited with code ${code}`)));
  worker = started;
  return started;
}

/** Bytes whose sha256 was computed off the event loop. */
export interface HashedBytes {
  /** Hex. */
  readonly sha256: string;
  /** The bytes, back from the worker: read these, not the ones passed (which may now be detached). */
  readonly bytes: Buffer;
}

/**
 * The sha256 of `bytes`, computed on the model files worker thread. The bytes are handed over
 * (`handOver`: moved, not copied, when they own their buffer) and come back with the hash.
 */
export async function sha256OffThread(bytes: Uint8Array): Promise<HashedBytes> {
  const moved = handOver(bytes);
  const reply = await ask({ id: nextId++, kind: 'sha256', bytes: moved }, [moved]);
  return { sha256: reply.sha256, bytes: Buffer.from(reply.bytes) };
}

function ask(request: ModelFilesRequest, transfer: ArrayBuffer[]): Promise<Extract<ModelFilesReply, { ok: true }>> {
  return new Promise((resolve, reject) => {
    const target = sharedWorker();
    pending.set(request.id, { resolve, reject });
    target.postMessage(request, transfer);
  });
}
