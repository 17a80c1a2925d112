import type { Logger } from '@mlops/logger';
import type { PredictionLogDocument, PredictionLogRepository } from './prediction-log.repository.js';

/** How the log is buffered. */
export interface LogWriterOptions {
  /** Documents held at most; beyond, new ones are dropped (and counted), never waited for. */
  readonly maxBuffered: number;
  /** Period of the background flush. */
  readonly flushMs: number;
  /** Called with the documents of a model that were stored, or dropped. */
  readonly onWritten: (model: string, count: number) => void;
  readonly onDropped: (model: string, count: number, reason: 'buffer-full' | 'closed') => void;
  readonly logger: Logger;
}

/** Where the writer stores documents. */
export type LogStore = Pick<PredictionLogRepository, 'insert' | 'noteVersion'>;

/** Documents per `insertMany`. */
const BATCH = 500;

function countByModel(documents: readonly PredictionLogDocument[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const document of documents) counts.set(document.model, (counts.get(document.model) ?? 0) + 1);
  return counts;
}

/**
 * Writes the prediction log in bulk off the request path: documents wait in a bounded buffer and
 * are inserted every `flushMs` (or sooner when a batch is full), one flush at a time. A batch that
 * fails goes back to the front of the buffer (as much as fits) and is sent again whole; the
 * inserts skip what was already stored. `close` stops the timer and flushes what is left.
 */
export class PredictionLogWriter {
  #buffer: PredictionLogDocument[] = [];
  readonly #versions = new Map<string, { model: string; version: number; labels: readonly string[] }>();
  readonly #notedVersions = new Set<string>();
  #flushing: Promise<void> = Promise.resolve();
  #closed = false;
  readonly #timer: NodeJS.Timeout;

  constructor(
    private readonly repository: LogStore,
    private readonly options: LogWriterOptions,
  ) {
    this.#timer = setInterval(() => void this.flush(), options.flushMs);
    this.#timer.unref();
  }

  /** Documents waiting to be written. */
  get buffered(): number {
    return this.#buffer.length;
  }

  /** Queues documents of one model version; drops (and counts) those beyond the buffer's bound. */
  add(model: string, version: number, labels: readonly string[], documents: readonly PredictionLogDocument[]): void {
    if (documents.length === 0) return;
    if (this.#closed) {
      this.options.onDropped(model, documents.length, 'closed');
      return;
    }
    const room = Math.max(0, this.options.maxBuffered - this.#buffer.length);
    const taken = documents.slice(0, room);
    if (taken.length < documents.length) {
      this.options.onDropped(model, documents.length - taken.length, 'buffer-full');
    }
    if (taken.length === 0) return;
    const key = `${model}:${version}`;
    if (!this.#notedVersions.has(key)) this.#versions.set(key, { model, version, labels });
    this.#buffer.push(...taken);
    if (this.#buffer.length >= BATCH) void this.flush();
  }

  /** Writes everything buffered now (after any flush in progress). Never rejects. */
  flush(): Promise<void> {
    this.#flushing = this.#flushing.then(() => this.#flushNow());
    return this.#flushing;
  }

  /** Stops the timer, flushes what is left; later documents are dropped (counted). */
  async close(): Promise<void> {
    clearInterval(this.#timer);
    await this.flush();
    this.#closed = true;
    const left = this.#buffer;
    this.#buffer = [];
    for (const [model, count] of countByModel(left)) this.options.onDropped(model, count, 'closed');
  }

  async #flushNow(): Promise<void> {
    try {
      await this.#noteVersions();
    } catch (error) {
      this.options.logger.warn({ err: error }, 'prediction log: versions not noted; the next flush retries');
      return;
    }
    while (this.#buffer.length > 0) {
      const batch = this.#buffer.slice(0, BATCH);
      this.#buffer = this.#buffer.slice(batch.length);
      try {
        await this.repository.insert(batch);
        for (const [model, count] of countByModel(batch)) this.options.onWritten(model, count);
      } catch (error) {
        this.#requeue(batch);
        this.options.logger.warn({ err: error, documents: batch.length }, 'prediction log write failed; retried later');
        return;
      }
    }
  }

  async #noteVersions(): Promise<void> {
    for (const [key, entry] of this.#versions) {
      await this.repository.noteVersion(entry.model, entry.version, entry.labels);
      this.#notedVersions.add(key);
      this.#versions.delete(key);
    }
  }

  #requeue(batch: readonly PredictionLogDocument[]): void {
    const room = Math.max(0, this.options.maxBuffered - this.#buffer.length);
    const kept = batch.slice(0, room);
    for (const [model, count] of countByModel(batch.slice(kept.length))) {
      this.options.onDropped(model, count, 'buffer-full');
    }
    this.#buffer = [...kept, ...this.#buffer];
  }
}
