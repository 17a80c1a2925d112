import type { Readable } from 'node:stream';
import type {
  RouteAnswer,
  RouteBodyInput,
  RouteDescriptor,
  RouteParamsInput,
  RouteQueryInput,
  RouteRecord,
} from '@mlops/contracts';
import type { RetryPolicy } from './retry-policy.js';

/** Where a client calls and as whom. */
export interface ClientOptions {
  /** The service's base URL, without a trailing slash. */
  readonly baseUrl: string;
  /** Sent as `Authorization: Bearer <key>` on every call when set. */
  readonly apiKey?: string;
  /** Per attempt, the answer's body included (default 30 s). */
  readonly timeoutMs?: number;
  /** The caller's current request id (from its context), sent as `x-request-id`. */
  readonly requestId?: () => string | undefined;
  /** Check every JSON answer against the route's schema (default true). */
  readonly validateResponses?: boolean;
  /** Sent as `user-agent`. */
  readonly userAgent?: string;
}

/** Per-call settings: they belong to the call site, not to the client. */
export interface CallOptions {
  /** Default: no retry. Only idempotent routes with a replayable body are ever retried. */
  readonly retry?: RetryPolicy;
  readonly timeoutMs?: number;
  /** Aborts the call (and its body read) when the caller gives up. */
  readonly signal?: AbortSignal;
  readonly requestId?: string;
  /** More headers (`idempotency-key`, `x-user` ...). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Overrides the client's `validateResponses` (hot paths measured to need it). */
  readonly validateResponse?: boolean;
  /** Largest answer body read; more is an `unavailable` UPSTREAM_TOO_LARGE. */
  readonly maxResponseBytes?: number;
  /** Largest upload sent; more fails the call before the upstream sees the end. */
  readonly maxUploadBytes?: number;
}

/** One file of an upload: bytes in memory, a Blob (`fs.openAsBlob`), or a stream (raw bodies only). */
export interface UploadFile {
  /** A function returning a fresh stream makes a streamed upload retryable. */
  readonly content: Uint8Array | Blob | Readable | (() => Readable);
  readonly filename?: string;
  readonly contentType?: string;
}

/** What an upload route is sent: files, and the JSON fields that go before them. */
export interface Upload {
  readonly files: UploadFile | readonly UploadFile[];
  readonly fields?: Readonly<Record<string, unknown>>;
  /** `raw` sends one file as the body itself (streamed); default: raw when possible, else multipart. */
  readonly encoding?: 'raw' | 'multipart';
}

type Field<K extends string, T> = [T] extends [never]
  ? unknown
  : undefined extends T
    ? Readonly<Partial<Record<K, T>>>
    : object extends T
      ? Readonly<Partial<Record<K, T>>>
      : Readonly<Record<K, T>>;

type BodyInput<R extends RouteDescriptor> = R extends { readonly upload: object }
  ? [RouteBodyInput<R>] extends [never]
    ? { readonly upload: Upload }
    : { readonly upload: Upload; readonly body?: never } | { readonly body: RouteBodyInput<R>; readonly upload?: never }
  : Field<'body', RouteBodyInput<R>>;

/** What a call of a route is given: its params, query and body (or upload), typed by the descriptor. */
export type CallInput<R extends RouteDescriptor> = Field<'params', RouteParamsInput<R>> &
  Field<'query', RouteQueryInput<R>> &
  BodyInput<R>;

/** A file answer, its body still to read (the call's timeout keeps running while it is read). */
export interface FileAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly contentType: string | undefined;
  /** From `content-length`, when sent. */
  readonly size: number | undefined;
  readonly body: Readable;
}

/** A JSON Lines answer: its records, each checked against the route's record schema as it is read. */
export interface JsonLinesAnswer<T> {
  readonly status: number;
  readonly headers: Headers;
  readonly records: AsyncIterable<T>;
}

/** What a call of a route resolves to. */
export type CallResult<R extends RouteDescriptor> = R extends { readonly stream: { readonly kind: 'file' } }
  ? FileAnswer
  : R extends { readonly stream: { readonly kind: 'jsonl' } }
    ? JsonLinesAnswer<RouteRecord<R>>
    : RouteAnswer<R>;

/** A route as a function. */
export type RouteCall<R extends RouteDescriptor> =
  object extends CallInput<R>
    ? (input?: CallInput<R>, options?: CallOptions) => Promise<CallResult<R>>
    : (input: CallInput<R>, options?: CallOptions) => Promise<CallResult<R>>;
