import type { z } from 'zod';

/** The HTTP methods the suite's routes use. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * What a key must hold to call a route. `public` routes (health, docs) need no key; the
 * access issue checks the others.
 */
export type RouteScope =
  'public' | 'read' | 'ingest' | 'label' | 'train' | 'promote' | 'predict' | 'introspect' | 'admin';

/** A file part (multipart) or a raw body (`application/octet-stream` and the like) a route accepts. */
export interface UploadSpec {
  /** The multipart part holding the file. */
  readonly field: string;
  /** More than one file part in one request. */
  readonly multiple?: boolean;
  /** Text fields sent before the files, each a JSON document checked by its schema. */
  readonly fields?: Readonly<Record<string, z.ZodType>>;
  /** Media types also accepted as the raw request body (the file itself), besides multipart/form-data. */
  readonly rawMediaTypes?: readonly string[];
  /** What the file is, for the OpenAPI document. */
  readonly description: string;
}

/** A body that is not one JSON document. */
export type StreamedResponse =
  /** JSON Lines: one document per line, each checked by `record`. */
  | { readonly kind: 'jsonl'; readonly record: z.ZodType; readonly headers?: readonly string[] }
  /** A file: bytes of `mediaType` (the server may send a more precise one). */
  | { readonly kind: 'file'; readonly mediaType: string; readonly headers?: readonly string[] };

/**
 * One HTTP route of one service, described once: the server registers it from this object
 * (validation, serialisation, OpenAPI), and the clients, the SDK and the stand-ins call or answer
 * it from the same object.
 */
export interface RouteDescriptor {
  /** The service that answers the route (`dl-trainer`, `inference` ...). */
  readonly service: string;
  readonly method: HttpMethod;
  /** fastify path template: `:name` segments, and `*` for a rest-of-path parameter. */
  readonly path: string;
  readonly summary: string;
  readonly description?: string;
  readonly tags: readonly string[];
  readonly scope: RouteScope;
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  /** A JSON body. With `upload` too, the route takes either (JSON, or multipart/raw). */
  readonly body?: z.ZodType;
  readonly upload?: UploadSpec;
  /** JSON answers by success status. Streamed routes answer `stream` instead. */
  readonly responses: Readonly<Partial<Record<200 | 201 | 202 | 204, z.ZodType>>>;
  readonly stream?: StreamedResponse;
  /** Statuses answered with problem+json. */
  readonly errors: readonly number[];
  /** Problem codes that mean "the upstream ran out of time" rather than "your input is wrong". */
  readonly timeoutCodes?: readonly string[];
  /**
   * Calling twice has the effect of calling once, so a client may retry it. Defaults to true for
   * GET, PUT and DELETE, false for POST.
   */
  readonly idempotent?: boolean;
}

/**
 * Declares a route. Returns the object as given (its literal types kept), so clients and servers
 * infer params, query, body and answers from it.
 */
export function defineRoute<const R extends RouteDescriptor>(route: R): R {
  return route;
}

/** Whether a client may retry the route after a failure it did not see the end of. */
export function isIdempotent(route: RouteDescriptor): boolean {
  return route.idempotent ?? route.method !== 'POST';
}

/** A tree of routes: a service's API grouped by resource (`registry.aliases.put`). */
export interface RouteTree {
  readonly [key: string]: RouteDescriptor | RouteTree;
}

/** Tells a route from a group of routes. */
export function isRouteDescriptor(value: RouteDescriptor | RouteTree): value is RouteDescriptor {
  return typeof (value as { method?: unknown }).method === 'string' && typeof value.path === 'string';
}

/** Every route of a tree, depth first. */
export function routesOf(tree: RouteTree): RouteDescriptor[] {
  return Object.values(tree).flatMap((node) => (isRouteDescriptor(node) ? [node] : routesOf(node)));
}

type Schema<R, K extends keyof RouteDescriptor> = R extends Readonly<Record<K, infer S extends z.ZodType>> ? S : never;

/** The params a caller sends (before coercion). */
export type RouteParamsInput<R extends RouteDescriptor> = z.input<Schema<R, 'params'>>;
/** The params a handler receives (parsed). */
export type RouteParams<R extends RouteDescriptor> = z.output<Schema<R, 'params'>>;
export type RouteQueryInput<R extends RouteDescriptor> = z.input<Schema<R, 'query'>>;
export type RouteQuery<R extends RouteDescriptor> = z.output<Schema<R, 'query'>>;
export type RouteBodyInput<R extends RouteDescriptor> = z.input<Schema<R, 'body'>>;
export type RouteBody<R extends RouteDescriptor> = z.output<Schema<R, 'body'>>;

type ValueOf<T> = T[keyof T];

/** The parsed JSON answer of a route (any of its success statuses). */
export type RouteAnswer<R extends RouteDescriptor> =
  ValueOf<R['responses']> extends infer S ? (S extends z.ZodType ? z.output<S> : never) : never;

/** What a handler may return for a JSON answer (the schema's input, before serialisation). */
export type RouteAnswerInput<R extends RouteDescriptor> =
  ValueOf<R['responses']> extends infer S ? (S extends z.ZodType ? z.input<S> : never) : never;

/** One record of a JSON Lines route. */
export type RouteRecord<R extends RouteDescriptor> = R extends {
  readonly stream: { readonly kind: 'jsonl'; readonly record: infer S extends z.ZodType };
}
  ? z.output<S>
  : never;
