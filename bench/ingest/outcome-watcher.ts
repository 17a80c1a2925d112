import { documentProcessedEventSchema, EVENTS } from '@mlops/contracts';
import { createLogger } from '@mlops/logger';
import { Broker, queueNames } from '@mlops/messaging';

/** Counts `document.ready` / `document.failed` events of the documents it is told to expect. */
export interface OutcomeWatcher {
  /** Documents the next events may be about (those an upload created). */
  expect(ids: Iterable<string>): void;
  /** Resolves when every expected document has an outcome, or at the deadline. */
  settled(expected: number, deadline: number): Promise<void>;
  readonly ready: number;
  readonly failed: number;
  /** Milliseconds (performance.now()) at which the n-th ready event arrived, for n = every, 2·every, … */
  readonly marks: readonly number[];
  close(): Promise<void>;
}

/** Deletes queues of the vhost of `amqpUrl` (its path; `/` when it has none). */
async function deleteQueues(managementUrl: string, amqpUrl: string, names: readonly string[]): Promise<void> {
  const url = new URL(managementUrl);
  const authorization = `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}`;
  const vhost = encodeURIComponent(decodeURIComponent(new URL(amqpUrl).pathname.slice(1)) || '/');
  for (const name of names) {
    await fetch(`${url.origin}/api/queues/${vhost}/${encodeURIComponent(name)}`, {
      method: 'DELETE',
      headers: { authorization },
    }).catch(() => undefined);
  }
}

/**
 * Subscribes a queue of its own to the outcome events, so the bench learns that documents are
 * ready without querying the store (a status count scans the collection on most embedded servers
 * and would slow the very thing it measures). The queue is deleted on close.
 */
export async function watchOutcomes(amqpUrl: string, managementUrl: string, every: number): Promise<OutcomeWatcher> {
  const queue = `bench.ingest.${process.pid}.${Date.now()}`;
  const broker = await Broker.connect({
    url: amqpUrl,
    logger: createLogger({ service: 'bench-ingest', level: 'warn' }),
    connectionName: 'bench-ingest',
    topology: { queues: [{ queue, bindings: [EVENTS.documentReady, EVENTS.documentFailed] }] },
  });
  const expected = new Set<string>();
  const counted = new Set<string>();
  /** Outcomes of documents not expected yet: the event can overtake the upload's answer. */
  const early = new Map<string, 'ready' | 'failed'>();
  const marks: number[] = [];
  let ready = 0;
  let failed = 0;
  let wake: (() => void) | undefined;
  const count = (id: string, status: 'ready' | 'failed'): void => {
    if (counted.has(id)) return;
    counted.add(id);
    if (status === 'ready') {
      ready += 1;
      if (ready % every === 0) marks.push(performance.now());
    } else failed += 1;
    wake?.();
  };
  await broker.consume({
    queue,
    schema: documentProcessedEventSchema,
    prefetch: 500,
    handler: (event) => {
      if (expected.has(event.documentId)) count(event.documentId, event.status);
      else early.set(event.documentId, event.status);
      return Promise.resolve();
    },
  });
  return {
    expect: (ids) => {
      for (const id of ids) {
        expected.add(id);
        const status = early.get(id);
        if (status) {
          early.delete(id);
          count(id, status);
        }
      }
    },
    settled: async (count, deadline) => {
      while (ready + failed < count && performance.now() < deadline) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, 1000).unref();
        });
      }
    },
    get ready() {
      return ready;
    },
    get failed() {
      return failed;
    },
    marks,
    close: async () => {
      await broker.close();
      const names = queueNames(queue);
      await deleteQueues(managementUrl, amqpUrl, [names.queue, names.retry, names.deadLetter]);
    },
  };
}
