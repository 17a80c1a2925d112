/**
 * When a batch is run: at most `maxSize` items, after at most `maxDelayMs` of waiting (0: the next
 * turn of the event loop), with at most `maxInFlight` batches running at once (default 1).
 */
export interface BatchingOptions {
  readonly maxSize: number;
  readonly maxDelayMs: number;
  readonly maxInFlight?: number;
}

/** What one batch run reports: its size, how long each request in it waited, how long it ran. */
export interface BatchReport {
  readonly size: number;
  readonly requests: number;
  readonly queueWaitsMs: readonly number[];
  readonly runMs: number;
}

/** Runs a batch: one output per input, in order. */
export type BatchRunner<I, O> = (items: readonly I[]) => Promise<readonly O[]>;

interface PendingRequest<I, O> {
  readonly items: readonly I[];
  readonly enqueuedAt: number;
  readonly resolve: (outputs: O[]) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Groups concurrent requests into batches for one runner. A request waits until the queued items
 * reach `maxSize` or the oldest has waited `maxDelayMs`; then queued requests are taken in order,
 * whole, while they fit in `maxSize` (a request larger than `maxSize` runs alone), run as one
 * call, and each gets its own slice of the outputs. Up to `maxInFlight` batches run at once when
 * full batches wait (a runner on another thread then starts the next batch while this thread writes
 * the answers of the last); a batch that is not full waits for the running one, and requests
 * arriving meanwhile join it, which starts on the
 * event loop's next turn after a running one ends (so the finished batch's answers are written
 * first). A failed run
 * rejects every request of that batch and no other.
 */
export class MicroBatcher<I, O> {
  readonly #queue: PendingRequest<I, O>[] = [];
  #queuedItems = 0;
  #timer: { kind: 'delay'; handle: NodeJS.Timeout } | { kind: 'immediate'; handle: NodeJS.Immediate } | undefined;
  #inFlight = 0;

  constructor(
    private readonly run: BatchRunner<I, O>,
    private readonly options: BatchingOptions,
    private readonly onBatch: (report: BatchReport) => void = () => undefined,
  ) {}

  /** Queues the items; resolves with their outputs, in order. */
  submit(items: readonly I[]): Promise<O[]> {
    if (items.length === 0) return Promise.resolve([]);
    return new Promise<O[]>((resolve, reject) => {
      this.#queue.push({ items, enqueuedAt: performance.now(), resolve, reject });
      this.#queuedItems += items.length;
      this.#schedule();
    });
  }

  /** Items waiting for a batch. */
  get queued(): number {
    return this.#queuedItems;
  }

  /**
   * Arms the timer of the next batch: the next turn of the event loop once `maxSize` items wait
   * or the oldest has waited `maxDelayMs`, else when it will have. Never runs a batch in the
   * caller's turn, so the answers of a finished batch are written before the next one starts.
   */
  #schedule(): void {
    if (!this.#mayStart()) return;
    const oldest = this.#queue[0]?.enqueuedAt ?? performance.now();
    const remainingMs =
      this.#queuedItems >= this.options.maxSize ? 0 : this.options.maxDelayMs - (performance.now() - oldest);
    if (remainingMs > 0) {
      this.#timer ??= { kind: 'delay', handle: setTimeout(() => void this.#flush(), remainingMs) };
      return;
    }
    if (this.#timer?.kind === 'immediate') return;
    this.#cancelTimer();
    this.#timer = { kind: 'immediate', handle: setImmediate(() => void this.#flush()) };
  }

  #cancelTimer(): void {
    const timer = this.#timer;
    this.#timer = undefined;
    if (timer?.kind === 'delay') clearTimeout(timer.handle);
    else if (timer?.kind === 'immediate') clearImmediate(timer.handle);
  }

  #takeBatch(): PendingRequest<I, O>[] {
    const batch: PendingRequest<I, O>[] = [];
    let size = 0;
    for (;;) {
      const next = this.#queue[0];
      if (next === undefined) break;
      if (batch.length > 0 && size + next.items.length > this.options.maxSize) break;
      this.#queue.shift();
      batch.push(next);
      size += next.items.length;
    }
    this.#queuedItems -= size;
    return batch;
  }

  get #maxInFlight(): number {
    return Math.max(1, this.options.maxInFlight ?? 1);
  }

  /**
   * Whether a batch may start now: always when none runs; beside running ones (up to
   * `maxInFlight`) only once a full batch waits, so that small requests keep gathering into one
   * batch while the last one runs instead of going one by one.
   */
  #mayStart(): boolean {
    if (this.#queue.length === 0 || this.#inFlight >= this.#maxInFlight) return false;
    return this.#inFlight === 0 || this.#queuedItems >= this.options.maxSize;
  }

  async #flush(): Promise<void> {
    this.#cancelTimer();
    if (!this.#mayStart()) return;
    this.#inFlight += 1;
    const batch = this.#takeBatch();
    this.#schedule();
    const startedAt = performance.now();
    const items = batch.flatMap((request) => request.items);
    try {
      const outputs = await this.run(items);
      if (outputs.length !== items.length) {
        throw new Error(`the batch runner returned ${outputs.length} outputs for ${items.length} items`);
      }
      let offset = 0;
      for (const request of batch) {
        request.resolve(outputs.slice(offset, offset + request.items.length));
        offset += request.items.length;
      }
    } catch (error) {
      for (const request of batch) request.reject(error);
    } finally {
      this.#inFlight -= 1;
      this.onBatch({
        size: items.length,
        requests: batch.length,
        queueWaitsMs: batch.map((request) => startedAt - request.enqueuedAt),
        runMs: performance.now() - startedAt,
      });
    }
    this.#schedule();
  }
}
