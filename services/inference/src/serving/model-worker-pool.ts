import type { ResourceLimits } from 'node:worker_threads';
import { ModelWorker } from './model-worker.js';

/**
 * Model worker threads of one process. A loaded version owns one worker; when the version is
 * released its worker frees the model and waits idle for the next version, so a hot swap does not
 * pay for starting a thread and importing the libraries (about a second from TypeScript sources).
 * At most `maxIdle` threads wait; the others stop.
 */
export class ModelWorkerPool {
  readonly #idle: ModelWorker[] = [];
  #closed = false;

  constructor(
    private readonly maxIdle = 1,
    private readonly resourceLimits?: ResourceLimits,
  ) {}

  /** An idle worker, or a new one. */
  acquire(): ModelWorker {
    if (this.#closed) throw new Error('the model worker pool is closed');
    let worker = this.#idle.pop();
    while (worker?.lost) worker = this.#idle.pop();
    return worker ?? new ModelWorker(this.resourceLimits);
  }

  /** Frees the worker's model and keeps the worker for a later version, or stops it. */
  async giveBack(worker: ModelWorker): Promise<void> {
    try {
      await worker.release();
    } catch {
      await worker.terminate();
      return;
    }
    if (this.#closed || worker.lost || this.#idle.length >= this.maxIdle) await worker.terminate();
    else this.#idle.push(worker);
  }

  /** Stops the idle workers; workers given back later stop too. */
  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all(this.#idle.splice(0).map((worker) => worker.terminate()));
  }
}
