import type { ResourceLimits, Worker } from 'node:worker_threads';
import type { ClassifiedBatch, HostedModelOptions, ServedManifest } from './hosted-model.js';
import type { ModelWorkerReply, ModelWorkerRequest } from './model-worker.protocol.js';
import { handOver, startWorker, transferableCopy, WorkerThreadError } from './worker-thread.js';

/** Raised for every request of a model worker that stopped (crashed, ran out of memory, or was closed). */
export class ModelWorkerLostError extends Error {
  override readonly name = 'ModelWorkerLostError';
}

const threadUrl = new URL('./hosted-model.worker.js', import.meta.url);

type Ok = Extract<ModelWorkerReply, { ok: true }>;

interface Pending {
  readonly resolve: (reply: Ok) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * One thread that holds at most one model version and classifies with it. Building the model
 * (manifest parse, checksum, featurizer tables, ONNX Runtime session, warm-up) and every
 * classification run on that thread, so neither blocks the event loop answering HTTP, and a
 * version being loaded never delays the version serving.
 */
export class ModelWorker {
  readonly #worker: Worker;
  readonly #pending = new Map<number, Pending>();
  #nextId = 0;
  #lost: Error | undefined;
  #onLost: ((error: Error) => void) | undefined;

  /** `resourceLimits` bound the thread's heap: a model or a request that exhausts it stops this thread only. */
  constructor(resourceLimits?: ResourceLimits) {
    this.#worker = startWorker(threadUrl, resourceLimits);
    this.#worker.unref();
    this.#worker.on('message', (reply: ModelWorkerReply) => this.#settle(reply));
    this.#worker.on('error', (error) =>
      this.#lose(new ModelWorkerLostError(`the model worker failed: ${error.message}`)),
    );
    this.#worker.on('exit', (code) =>
      this.#lose(new ModelWorkerLostError(`the model worker exited with code ${code}`)),
    );
  }

  /** True once the thread stopped; every later request rejects with `ModelWorkerLostError`. */
  get lost(): boolean {
    return this.#lost !== undefined;
  }

  /** Calls `listener` once if the thread stops unexpectedly (not after `terminate`). */
  onLost(listener: (error: Error) => void): void {
    this.#onLost = listener;
  }

  /**
   * Builds the model from a folder's files; resolves with its manifest minus the featurizer
   * tables. The files are copied to the thread, or with `bytes: 'move'` handed over (`handOver`:
   * moved when they own their buffer, which leaves them empty here: for a caller that holds the
   * only reference, such as a folder just read from disk).
   */
  async load(
    files: ReadonlyMap<string, Uint8Array>,
    options: HostedModelOptions,
    bytes: 'copy' | 'move' = 'copy',
  ): Promise<ServedManifest> {
    const send = bytes === 'move' ? handOver : transferableCopy;
    const manifestBytes = files.get('manifest.json');
    if (manifestBytes === undefined) throw new WorkerThreadError('Error', 'the model folder has no manifest.json');
    const manifest = send(manifestBytes);
    const others: Record<string, ArrayBuffer> = {};
    for (const [path, content] of files) if (path !== 'manifest.json') others[path] = send(content);
    const reply = await this.#ask({ id: this.#nextId++, kind: 'load', manifest, others, options }, [
      manifest,
      ...Object.values(others),
    ]);
    if (reply.kind !== 'loaded') throw new Error(`the model worker answered a load with ${reply.kind}`);
    return reply.manifest;
  }

  /** Classifies texts with the thread's model. */
  async classify(texts: readonly string[]): Promise<ClassifiedBatch> {
    const reply = await this.#ask({ id: this.#nextId++, kind: 'classify', texts }, []);
    if (reply.kind !== 'classified') throw new Error(`the model worker answered a classification with ${reply.kind}`);
    return reply.batch;
  }

  /** Frees the thread's model; the thread stays, ready for another one. */
  async release(): Promise<void> {
    if (this.lost) return;
    await this.#ask({ id: this.#nextId++, kind: 'release' }, []);
  }

  /** Stops the thread; requests still waiting reject. */
  async terminate(): Promise<void> {
    this.#onLost = undefined;
    this.#lose(new ModelWorkerLostError('the model worker was stopped'));
    await this.#worker.terminate();
  }

  #ask(request: ModelWorkerRequest, transfer: ArrayBuffer[]): Promise<Ok> {
    if (this.#lost !== undefined) return Promise.reject(this.#lost);
    return new Promise<Ok>((resolve, reject) => {
      this.#pending.set(request.id, { resolve, reject });
      this.#worker.postMessage(request, transfer);
    });
  }

  #settle(reply: ModelWorkerReply): void {
    const waiting = this.#pending.get(reply.id);
    this.#pending.delete(reply.id);
    if (waiting === undefined) return;
    if (reply.ok) waiting.resolve(reply);
    else waiting.reject(new WorkerThreadError(reply.name, reply.message));
  }

  #lose(error: Error): void {
    if (this.#lost !== undefined) return;
    this.#lost = error;
    for (const waiting of this.#pending.values()) waiting.reject(error);
    this.#pending.clear();
    const listener = this.#onLost;
    this.#onLost = undefined;
    listener?.(error);
  }
}
