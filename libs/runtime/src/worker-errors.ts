import type { SerializedError } from './worker-messages.js';

/** Every worker and queue slot is taken: the caller should answer 503 with `Retry-After`. */
export class PoolBusyError extends Error {
  override readonly name = 'PoolBusyError';

  constructor(
    readonly pool: string,
    readonly capacity: number,
  ) {
    super(`${pool}: all ${capacity} workers and queue places are taken`);
  }
}

/** The task ran past its deadline; its worker was terminated (and is replaced). */
export class WorkerDeadlineError extends Error {
  override readonly name = 'WorkerDeadlineError';

  constructor(
    readonly pool: string,
    readonly deadlineMs: number,
  ) {
    super(`${pool}: the task ran past its ${deadlineMs} ms deadline; its worker was terminated`);
  }
}

/** The task's worker ran out of its heap limit and was stopped by V8 (it is replaced). */
export class WorkerMemoryError extends Error {
  override readonly name = 'WorkerMemoryError';

  constructor(
    readonly pool: string,
    readonly limitMb: number,
  ) {
    super(`${pool}: the task needed more than the worker's ${limitMb} MB heap; its worker was stopped`);
  }
}

/** The task's worker failed to start or exited while working. */
export class WorkerCrashedError extends Error {
  override readonly name = 'WorkerCrashedError';
}

/** The task itself threw in the worker: `failure` is what it threw, by name, message, code and field errors. */
export class WorkerTaskError extends Error {
  override readonly name = 'WorkerTaskError';

  constructor(readonly failure: SerializedError) {
    super(failure.message);
  }
}
