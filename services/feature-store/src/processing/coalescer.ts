/** Runs one batch of inputs; answers one result per input, in order. */
export type BatchRunner<I, R> = (inputs: readonly I[]) => Promise<readonly R[]>;

interface Waiting<I, R> {
  readonly input: I;
  readonly resolve: (result: R) => void;
  readonly reject: (error: unknown) => void;
}

/** How a coalescer groups calls. */
export interface CoalescerOptions {
  /** Inputs in one batch at most. */
  readonly maxBatch: number;
  /** Batches running at once; calls made meanwhile wait and form the next batch. */
  readonly concurrency: number;
}

/**
 * Groups single calls into batches ("natural batching"): a call waits for the end of the
 * current turn of the event loop, then runs with every call made meanwhile, as long as fewer than
 * `concurrency` batches are running; otherwise it joins the calls that run when one finishes. At
 * low load a call runs alone and at once; under load, round trips are shared by up to `maxBatch`
 * calls. A batch that throws rejects each of its calls with that error.
 */
export function coalesce<I, R>(run: BatchRunner<I, R>, options: CoalescerOptions): (input: I) => Promise<R> {
  const queue: Waiting<I, R>[] = [];
  let running = 0;
  let scheduled = false;

  const settle = (batch: readonly Waiting<I, R>[], results: readonly R[]): void => {
    if (results.length !== batch.length) {
      const error = new Error(`a batch of ${batch.length} answered ${results.length} results`);
      for (const waiting of batch) waiting.reject(error);
      return;
    }
    batch.forEach((waiting, index) => waiting.resolve(results[index] as R));
  };

  const drain = (): void => {
    scheduled = false;
    while (running < options.concurrency && queue.length > 0) {
      const batch = queue.splice(0, options.maxBatch);
      running += 1;
      run(batch.map((waiting) => waiting.input))
        .then(
          (results) => settle(batch, results),
          (error: unknown) => {
            for (const waiting of batch) waiting.reject(error);
          },
        )
        .finally(() => {
          running -= 1;
          schedule();
        });
    }
  };

  const schedule = (): void => {
    if (scheduled || queue.length === 0) return;
    scheduled = true;
    setImmediate(drain);
  };

  return (input: I) =>
    new Promise<R>((resolve, reject) => {
      queue.push({ input, resolve, reject });
      schedule();
    });
}

/** Runs tasks with at most `concurrency` of them at once, the others waiting their turn in order. */
export function limitConcurrency<R>(concurrency: number): (task: () => Promise<R>) => Promise<R> {
  return coalesce<() => Promise<R>, R>(async ([task]) => (task ? [await task()] : []), {
    maxBatch: 1,
    concurrency,
  });
}
