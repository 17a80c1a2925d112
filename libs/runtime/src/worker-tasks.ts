import type { MessagePort } from 'node:worker_threads';
import { serializeError, type FromWorker, type ToWorker } from './worker-messages.js';

/** What a task may do besides computing its result: ask the parent thread, or tell it something. */
export interface TaskContext {
  /** Sends `payload` to the pool's `onCall` and resolves with its answer (or rejects with its error). */
  call(payload: unknown, transfer?: readonly ArrayBuffer[]): Promise<unknown>;
  /** Sends `payload` to the pool's `onEvent`; no answer. */
  emit(payload: unknown): void;
}

/** Runs one task in a worker; its result is posted back (structured clone). */
export type TaskHandler = (payload: unknown, context: TaskContext) => Promise<unknown>;

interface PendingCall {
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
}

/**
 * The worker's side of the pool protocol on `port`: runs each task with `handle`, posts its
 * result or error, relays the task's calls and events, then says `ready`.
 */
export function serveTasks(port: Pick<MessagePort, 'on' | 'postMessage'>, handle: TaskHandler): void {
  const pending = new Map<number, PendingCall>();
  let nextCallId = 0;
  const post = (message: FromWorker, transfer: readonly ArrayBuffer[] = []) => {
    port.postMessage(message, [...transfer]);
  };
  const contextOf = (id: number): TaskContext => ({
    call: (payload, transfer) =>
      new Promise((resolve, reject) => {
        const callId = nextCallId++;
        pending.set(callId, { resolve, reject });
        post({ kind: 'call', id, callId, payload }, transfer);
      }),
    emit: (payload) => {
      post({ kind: 'event', id, payload });
    },
  });
  port.on('message', (message: ToWorker) => {
    if (message.kind === 'reply') {
      const call = pending.get(message.callId);
      pending.delete(message.callId);
      if (message.ok) call?.resolve(message.value);
      else call?.reject(Object.assign(new Error(message.error.message), message.error));
      return;
    }
    const { id } = message;
    handle(message.payload, contextOf(id)).then(
      (value) => {
        post({ kind: 'done', id, ok: true, value });
      },
      (error: unknown) => {
        post({ kind: 'done', id, ok: false, error: serializeError(error) });
      },
    );
  });
  post({ kind: 'ready' });
}
