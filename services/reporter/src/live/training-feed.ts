import type { trainingFinishedEventSchema, trainingProgressEventSchema } from '@mlops/contracts';
import type { z } from 'zod';

/** What the feed hands to a job's listeners: an epoch, or the job's end. */
export type FeedMessage =
  | { readonly kind: 'epoch'; readonly event: z.output<typeof trainingProgressEventSchema> }
  | { readonly kind: 'end'; readonly event: z.output<typeof trainingFinishedEventSchema> }
  /** This replica is shutting down: the stream closes without an end (the client reconnects elsewhere). */
  | { readonly kind: 'closing' };

type FeedListener = (message: FeedMessage) => void;

/** Thrown by `subscribe` when this replica already streams to its limit of clients. */
export class FeedFullError extends Error {
  constructor(readonly limit: number) {
    super(`this replica already streams to ${limit} clients`);
    this.name = 'FeedFullError';
  }
}

/**
 * The live training events of this replica, fanned out by job id to the streams open on it. At
 * most `maxSubscribers` listeners at once (one per open stream), so slow or forgotten browsers
 * cannot hold unbounded memory.
 */
export class TrainingFeed {
  readonly #listeners = new Map<string, Set<FeedListener>>();
  #count = 0;

  constructor(readonly maxSubscribers: number) {}

  /** Open subscriptions. */
  get subscribers(): number {
    return this.#count;
  }

  /** Listens to one job; returns the function that stops listening (calling it twice is harmless). */
  subscribe(jobId: string, listener: FeedListener): () => void {
    if (this.#count >= this.maxSubscribers) throw new FeedFullError(this.maxSubscribers);
    const listeners = this.#listeners.get(jobId) ?? new Set<FeedListener>();
    listeners.add(listener);
    this.#listeners.set(jobId, listeners);
    this.#count += 1;
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      this.#count -= 1;
      listeners.delete(listener);
      if (listeners.size === 0) this.#listeners.delete(jobId);
    };
  }

  /** Hands a message to every listener of its job; a job nobody watches costs nothing. */
  deliver(message: Exclude<FeedMessage, { kind: 'closing' }>): void {
    for (const listener of [...(this.#listeners.get(message.event.jobId) ?? [])]) listener(message);
  }

  /** Tells every listener this replica is shutting down. */
  closeAll(): void {
    for (const listeners of [...this.#listeners.values()])
      for (const listener of [...listeners]) listener({ kind: 'closing' });
  }
}
