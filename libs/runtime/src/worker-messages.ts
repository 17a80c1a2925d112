/**
 * The messages between a worker pool and its workers. A worker posts `ready` once loaded, then
 * answers each `task` with `done`; while working it may `call` the parent (and wait for the
 * `reply`) or post an `event` (no answer).
 */

/** An error crossing the thread boundary: its name, message and the fields a service maps back. */
export interface SerializedError {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
  readonly fieldErrors?: unknown;
}

/** Parent to worker. */
export type ToWorker =
  | { readonly kind: 'task'; readonly id: number; readonly payload: unknown }
  | { readonly kind: 'reply'; readonly callId: number; readonly ok: true; readonly value: unknown }
  | { readonly kind: 'reply'; readonly callId: number; readonly ok: false; readonly error: SerializedError };

/** Worker to parent. */
export type FromWorker =
  | { readonly kind: 'ready' }
  | { readonly kind: 'done'; readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly kind: 'done'; readonly id: number; readonly ok: false; readonly error: SerializedError }
  | { readonly kind: 'call'; readonly id: number; readonly callId: number; readonly payload: unknown }
  | { readonly kind: 'event'; readonly id: number; readonly payload: unknown };

/** The name, message, `code` and `fieldErrors` of a thrown value, safe to post to another thread. */
export function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const { code, fieldErrors } = error as { code?: unknown; fieldErrors?: unknown };
  return {
    name: error.name,
    message: error.message,
    ...(typeof code === 'string' ? { code } : {}),
    ...(fieldErrors === undefined ? {} : { fieldErrors: structuredClone(fieldErrors) }),
  };
}
