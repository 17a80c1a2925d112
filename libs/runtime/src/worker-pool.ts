import { Worker } from 'node:worker_threads';
import type { Logger } from '@mlops/logger';
import { workerEntry } from './worker-entry.js';
import type { WorkerHostData } from './worker-host.js';
import {
  PoolBusyError,
  WorkerCrashedError,
  WorkerDeadlineError,
  WorkerMemoryError,
  WorkerTaskError,
} from './worker-errors.js';
import { serializeError, type FromWorker, type ToWorker } from './worker-messages.js';

/** How a pool is sized and bounded. */
export interface WorkerPoolOptions {
  /** Named in errors and logs. */
  readonly name: string;
  /** URL of the compiled task module (`new URL('./x.worker.js', import.meta.url)`), exporting `createTaskHandler`. */
  readonly module: URL;
  /** Workers running at once. */
  readonly size: number;
  /** Admitted tasks that may wait for a worker; more are refused with PoolBusyError. */
  readonly queueLimit: number;
  /** Heap of each worker (V8 old generation), in MB; a task needing more stops its worker. */
  readonly memoryLimitMb: number;
  readonly logger: Pick<Logger, 'warn' | 'debug'>;
  /** Given to the task module's `createTaskHandler` in every worker. */
  readonly workerData?: unknown;
}

/** What the parent answers to a worker's call, and the buffers to transfer with it. */
export interface CallAnswer {
  readonly value: unknown;
  readonly transfer?: readonly ArrayBuffer[];
}

/** How one task runs. */
export interface TaskOptions {
  /** Wall-clock time the task may run once a worker has it; then its worker is terminated. */
  readonly deadlineMs: number;
  /** Buffers moved (not copied) to the worker with the payload. */
  readonly transfer?: readonly ArrayBuffer[];
  /** Answers the task's calls to the parent; the signal aborts when the task ends. */
  readonly onCall?: (payload: unknown, signal: AbortSignal) => Promise<CallAnswer>;
  /** Receives the task's events (log lines, progress). */
  readonly onEvent?: (payload: unknown) => void;
}

/** A place in the pool, taken before the work allocates anything: run the task with it, or release it. */
export interface Admission<In, Out> {
  run(payload: In, options: TaskOptions): Promise<Out>;
  /** Gives the place back when the task will not run; idempotent, and automatic once `run` settles. */
  release(): void;
}

interface Task {
  readonly id: number;
  readonly payload: unknown;
  readonly options: TaskOptions;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

interface PoolWorker {
  readonly worker: Worker;
  ready: boolean;
  task?: Task;
  timer?: NodeJS.Timeout;
  calls?: AbortController;
  failure?: Error;
}

/**
 * A fixed number of worker threads, each with a heap limit, running one task at a time under a
 * hard deadline: a task past it has its worker terminated (and replaced), so work that cannot be
 * interrupted (a regular expression, a parser) never holds the event loop or the pool. Places are
 * admitted before the caller reads or allocates anything (`admit`), and refused beyond
 * `size + queueLimit`.
 */
export class WorkerPool<In, Out> {
  private readonly workers = new Set<PoolWorker>();
  private readonly queue: Task[] = [];
  private admitted = 0;
  private nextId = 0;
  private closed = false;

  constructor(private readonly options: WorkerPoolOptions) {}

  /** Places in use (running, waiting, or admitted and not yet run) and the pool's bounds. */
  get stats(): { admitted: number; queued: number; workers: number; capacity: number } {
    return {
      admitted: this.admitted,
      queued: this.queue.length,
      workers: this.workers.size,
      capacity: this.options.size + this.options.queueLimit,
    };
  }

  /** Takes a place for one task; throws PoolBusyError when all are taken. */
  admit(): Admission<In, Out> {
    const capacity = this.options.size + this.options.queueLimit;
    if (this.closed || this.admitted >= capacity) throw new PoolBusyError(this.options.name, capacity);
    this.admitted += 1;
    let held = true;
    const release = () => {
      if (!held) return;
      held = false;
      this.admitted -= 1;
    };
    return {
      release,
      run: (payload, options) => {
        if (!held) return Promise.reject(new Error(`${this.options.name}: the admission was already used`));
        return this.enqueue(payload, options).finally(release);
      },
    };
  }

  /** Admits and runs one task. */
  run(payload: In, options: TaskOptions): Promise<Out> {
    return this.admit().run(payload, options);
  }

  /** Terminates every worker; waiting tasks fail. */
  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.queue.splice(0)) task.reject(new WorkerCrashedError(`${this.options.name} closed`));
    await Promise.all(
      [...this.workers].map((entry) => {
        this.settle(entry, new WorkerCrashedError(`${this.options.name} closed`));
        this.workers.delete(entry);
        return entry.worker.terminate();
      }),
    );
  }

  private enqueue(payload: In, options: TaskOptions): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      if (this.closed) {
        reject(new WorkerCrashedError(`${this.options.name} closed`));
        return;
      }
      this.queue.push({ id: this.nextId++, payload, options, resolve: resolve as (value: unknown) => void, reject });
      this.pump();
    });
  }

  private pump(): void {
    for (const entry of this.workers) {
      const next = entry.ready && entry.task === undefined ? this.queue.shift() : undefined;
      if (next !== undefined) this.dispatch(entry, next);
    }
    let starting = [...this.workers].filter((entry) => !entry.ready).length;
    while (!this.closed && this.workers.size < this.options.size && starting < this.queue.length) {
      this.spawn();
      starting += 1;
    }
  }

  private spawn(): void {
    const { name, memoryLimitMb, workerData } = this.options;
    const entryPoint = workerEntry(this.options.module);
    const hostData: WorkerHostData = { module: this.options.module.href, data: workerData };
    const worker = new Worker(entryPoint.source, {
      eval: entryPoint.eval,
      execArgv: entryPoint.execArgv,
      workerData: hostData,
      resourceLimits: { maxOldGenerationSizeMb: memoryLimitMb },
      name,
    });
    worker.unref();
    const entry: PoolWorker = { worker, ready: false };
    this.workers.add(entry);
    worker.on('message', (message: FromWorker) => {
      this.onMessage(entry, message);
    });
    worker.on('error', (error: Error & { code?: string }) => {
      entry.failure =
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new WorkerMemoryError(name, memoryLimitMb)
          : new WorkerCrashedError(`${name}: the worker failed: ${error.message}`, { cause: error });
    });
    worker.on('exit', (code) => {
      this.onExit(entry, code);
    });
  }

  private onMessage(entry: PoolWorker, message: FromWorker): void {
    if (message.kind === 'ready') {
      entry.ready = true;
      this.pump();
      return;
    }
    const task = entry.task;
    if (task?.id !== message.id) return;
    if (message.kind === 'event') {
      task.options.onEvent?.(message.payload);
    } else if (message.kind === 'call') {
      this.answerCall(entry, task, message.callId, message.payload);
    } else {
      this.settle(
        entry,
        message.ok ? undefined : new WorkerTaskError(message.error),
        message.ok ? message.value : undefined,
      );
      this.pump();
    }
  }

  private answerCall(entry: PoolWorker, task: Task, callId: number, payload: unknown): void {
    const signal = (entry.calls ??= new AbortController()).signal;
    const onCall = task.options.onCall;
    const answer = onCall ? onCall(payload, signal) : Promise.reject(new Error('the task may not call its parent'));
    answer.then(
      ({ value, transfer }) => {
        if (entry.task === task) this.post(entry, { kind: 'reply', callId, ok: true, value }, transfer);
      },
      (error: unknown) => {
        if (entry.task === task) this.post(entry, { kind: 'reply', callId, ok: false, error: serializeError(error) });
      },
    );
  }

  private dispatch(entry: PoolWorker, task: Task): void {
    entry.task = task;
    entry.timer = setTimeout(() => {
      this.retire(entry, new WorkerDeadlineError(this.options.name, task.options.deadlineMs));
    }, task.options.deadlineMs);
    this.post(entry, { kind: 'task', id: task.id, payload: task.payload }, task.options.transfer);
  }

  private post(entry: PoolWorker, message: ToWorker, transfer: readonly ArrayBuffer[] = []): void {
    entry.worker.postMessage(message, [...transfer]);
  }

  /** Ends the entry's task (with its value, or failing with `error`) and frees the worker for the next. */
  private settle(entry: PoolWorker, error: Error | undefined, value?: unknown): void {
    const task = entry.task;
    clearTimeout(entry.timer);
    entry.calls?.abort(error ?? new Error('the task ended'));
    entry.task = undefined;
    entry.timer = undefined;
    entry.calls = undefined;
    if (task === undefined) return;
    if (error === undefined) task.resolve(value);
    else task.reject(error);
  }

  /** Terminates a worker whose task cannot be allowed to go on; a replacement starts when work waits. */
  private retire(entry: PoolWorker, error: Error): void {
    this.options.logger.warn({ pool: this.options.name, err: error }, 'worker terminated');
    this.settle(entry, error);
    this.workers.delete(entry);
    void entry.worker.terminate();
    this.pump();
  }

  private onExit(entry: PoolWorker, code: number): void {
    if (!this.workers.has(entry)) return;
    this.workers.delete(entry);
    const failure =
      entry.failure ?? new WorkerCrashedError(`${this.options.name}: the worker exited with code ${code}`);
    if (entry.task !== undefined) {
      this.options.logger.warn({ pool: this.options.name, err: failure }, 'worker stopped while working');
      this.settle(entry, failure);
    } else if (!entry.ready) {
      this.options.logger.warn({ pool: this.options.name, err: failure }, 'worker did not start');
      this.queue.shift()?.reject(failure);
    }
    if (!this.closed) this.pump();
  }
}
