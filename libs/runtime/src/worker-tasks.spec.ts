import { MessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import type { FromWorker, ToWorker } from './worker-messages.js';
import { serveTasks } from './worker-tasks.js';

const channels: MessageChannel[] = [];

/** The worker's side served on one end of a channel; the other end collects what it posts. */
function served(handle: Parameters<typeof serveTasks>[1]) {
  const channel = new MessageChannel();
  channels.push(channel);
  serveTasks(channel.port1, handle);
  const received: FromWorker[] = [];
  const waiters: (() => void)[] = [];
  channel.port2.on('message', (message: FromWorker) => {
    received.push(message);
    waiters.splice(0).forEach((wake) => wake());
  });
  const next = async (): Promise<FromWorker> => {
    for (;;) {
      const message = received.shift();
      if (message !== undefined) return message;
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
  const send = (message: ToWorker) => channel.port2.postMessage(message);
  return { next, send };
}

afterEach(() => {
  for (const channel of channels.splice(0)) {
    channel.port1.close();
    channel.port2.close();
  }
});

describe('serveTasks', () => {
  it('says ready, then answers each task with its result or its error', async () => {
    const worker = served((payload) =>
      payload === 'fail' ? Promise.reject(Object.assign(new Error('no'), { code: 'X_NO' })) : Promise.resolve(payload),
    );
    expect(await worker.next()).toEqual({ kind: 'ready' });
    worker.send({ kind: 'task', id: 1, payload: { a: 1 } });
    expect(await worker.next()).toEqual({ kind: 'done', id: 1, ok: true, value: { a: 1 } });
    worker.send({ kind: 'task', id: 2, payload: 'fail' });
    expect(await worker.next()).toEqual({
      kind: 'done',
      id: 2,
      ok: false,
      error: { name: 'Error', message: 'no', code: 'X_NO' },
    });
  });

  it('relays calls to the parent with their replies, and events', async () => {
    const worker = served(async (_payload, context) => {
      context.emit('started');
      const answer = await context.call('first');
      const failure = (await context.call('second').catch((error: unknown) => error)) as Error & { code?: string };
      return { answer, failure: `${failure.message}/${failure.code ?? ''}` };
    });
    await worker.next();
    worker.send({ kind: 'task', id: 7, payload: null });
    expect(await worker.next()).toEqual({ kind: 'event', id: 7, payload: 'started' });
    expect(await worker.next()).toEqual({ kind: 'call', id: 7, callId: 0, payload: 'first' });
    worker.send({ kind: 'reply', callId: 0, ok: true, value: 42 });
    expect(await worker.next()).toEqual({ kind: 'call', id: 7, callId: 1, payload: 'second' });
    worker.send({ kind: 'reply', callId: 1, ok: false, error: { name: 'Error', message: 'down', code: 'X_DOWN' } });
    worker.send({ kind: 'reply', callId: 99, ok: true, value: 'nobody asked' });
    expect(await worker.next()).toEqual({
      kind: 'done',
      id: 7,
      ok: true,
      value: { answer: 42, failure: 'down/X_DOWN' },
    });
  });

  it('serialises thrown values that are not errors', async () => {
    const worker = served(() => Promise.reject(new Error('x', { cause: 1 })));
    await worker.next();
    worker.send({ kind: 'task', id: 3, payload: null });
    expect(await worker.next()).toMatchObject({ ok: false, error: { name: 'Error', message: 'x' } });
    const notAnError: unknown = JSON.parse('"plain string"');
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- a task module may reject with anything
    const other = served(() => Promise.reject(notAnError));
    await other.next();
    other.send({ kind: 'task', id: 4, payload: null });
    expect(await other.next()).toMatchObject({ ok: false, error: { name: 'Error', message: 'plain string' } });
  });
});
