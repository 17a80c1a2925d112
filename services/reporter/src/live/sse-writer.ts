import type { Writable } from 'node:stream';
import { TRAINING_LIVE_EVENTS, type TrainingLiveEventName } from '@mlops/contracts';
import type { z } from 'zod';

/**
 * Writes server-sent events (text/event-stream) to a stream: each event's data is checked by its
 * contract (`TRAINING_LIVE_EVENTS`) and written as one line of JSON.
 */
export class SseWriter {
  constructor(private readonly out: Writable) {}

  /** True once the stream is closed (the client went away, or the server ended it). */
  get closed(): boolean {
    return this.out.destroyed || this.out.writableEnded;
  }

  /** Writes one event; `id` becomes the client's `Last-Event-ID`. */
  event<N extends TrainingLiveEventName>(name: N, data: z.input<(typeof TRAINING_LIVE_EVENTS)[N]>, id?: number): void {
    if (this.closed) return;
    const checked: unknown = TRAINING_LIVE_EVENTS[name].parse(data);
    const idLine = id === undefined ? '' : `id: ${id}\n`;
    this.out.write(`event: ${name}\n${idLine}data: ${JSON.stringify(checked)}\n\n`);
  }

  /** A comment line: ignored by clients, keeps proxies and sockets from closing an idle stream. */
  comment(text: string): void {
    if (!this.closed) this.out.write(`: ${text.replace(/\n/g, ' ')}\n\n`);
  }

  /** Ends the stream. */
  end(): void {
    if (!this.closed) this.out.end();
  }
}
