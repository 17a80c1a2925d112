import {
  problemSchema,
  type RouteAnswerInput,
  type RouteBody,
  type RouteDescriptor,
  type RouteParams,
  type RouteQuery,
} from '@mlops/contracts';
import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { z } from 'zod';
import type { HttpApp } from './create-app.js';
import { httpErrors } from './errors/common-errors.js';
import { parseOrThrow } from './parse-or-throw.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The descriptor the route was registered from. */
    contract?: RouteDescriptor;
  }
}

type Known<T> = [T] extends [never] ? unknown : T;

/**
 * The body a handler sees: the parsed JSON body; on an upload route also taking JSON, that body
 * or nothing (multipart, read with `request.parts()`); on an upload route taking raw bodies,
 * whatever its parser gave (a stream).
 */
type HandlerBody<R extends RouteDescriptor> = R extends { readonly upload: { readonly rawMediaTypes: object } }
  ? unknown
  : R extends { readonly upload: object }
    ? Known<RouteBody<R>> | undefined
    : Known<RouteBody<R>>;

/** A request of a route, typed by its descriptor. */
export type RouteRequest<R extends RouteDescriptor> = FastifyRequest<{
  Params: Known<RouteParams<R>>;
  Querystring: Known<RouteQuery<R>>;
  Body: HandlerBody<R>;
}>;

/** What a handler returns: the JSON answer (checked and serialised by its schema), or the reply it sent. */
type HandlerResult<R extends RouteDescriptor> = R extends { readonly stream: object }
  ? FastifyReply
  : RouteAnswerInput<R> | FastifyReply;

/** A route's handler, typed by its descriptor. */
export type RouteHandler<R extends RouteDescriptor> = (
  request: RouteRequest<R>,
  reply: FastifyReply,
) => Promise<HandlerResult<R>> | HandlerResult<R>;

/** Per-registration settings that are the server's business, not the contract's. */
export interface RouteServerOptions {
  /** Largest body this route reads, when it differs from the app's. */
  readonly bodyLimit?: number;
  /** The descriptor's JSON body with this server's limits (from its config), checked in its place. */
  readonly body?: z.ZodType;
  /** Request headers this server reads under names from its config, checked and documented. */
  readonly headers?: z.ZodType;
}

/** The fastify schema of a descriptor: what the server validates and serialises, and what OpenAPI shows. */
function fastifySchemaOf(route: RouteDescriptor, options: RouteServerOptions): Record<string, unknown> {
  const response: Record<number, z.ZodType> = {};
  for (const [status, schema] of Object.entries(route.responses)) response[Number(status)] = schema;
  for (const status of route.errors) response[status] = problemSchema;
  const guarded = route.scope !== 'public';
  if (guarded) for (const status of AUTH_STATUSES) response[status] = problemSchema;
  return {
    tags: [...route.tags],
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    ...(route.params ? { params: route.params } : {}),
    ...(route.query ? { querystring: route.query } : {}),
    ...(route.body && !route.upload ? { body: options.body ?? route.body } : {}),
    ...(options.headers ? { headers: options.headers } : {}),
    response,
    ...(guarded ? { security: [{ apiKey: [] }] } : {}),
  };
}

/** A multipart body cannot be read without its boundary: a 400 naming the header, before any parsing. */
function assertMultipartBoundary(contentType: string): void {
  if (/;\s*boundary=("[^"]+"|[^;\s]+)/i.test(contentType)) return;
  const pointer = '/headers/content-type';
  const message = 'multipart/form-data needs a boundary parameter';
  throw httpErrors.validationFailed(`${pointer}: ${message}`, [{ pointer, message }]);
}

/** What every route needing a key may answer besides its own errors: no or a bad key, a missing scope, the key owner down. */
const AUTH_STATUSES = [401, 403, 503] as const;

/**
 * Registers a route from its descriptor: params, query, JSON body and answers are validated and
 * serialised by the descriptor's schemas, and the descriptor rides along in the route's config so
 * that the OpenAPI document describes uploads and streamed answers too. A route taking either
 * JSON or an upload gets its JSON body checked here (400 naming `/body/...`), its upload read by
 * the handler. A descriptor without a scope throws: the auth plugin reads the scope from the config.
 */
export function registerRoute<R extends RouteDescriptor>(
  app: HttpApp,
  route: R,
  handler: RouteHandler<R>,
  options: RouteServerOptions = {},
): void {
  if (typeof (route as { scope?: unknown }).scope !== 'string')
    throw new Error(`route ${route.method} ${route.path} declares no scope`);
  const { body, upload } = route;
  const options_: RouteOptions = {
    method: route.method,
    url: route.path,
    schema: fastifySchemaOf(route, options),
    config: { contract: route },
    ...(options.bodyLimit === undefined ? {} : { bodyLimit: options.bodyLimit }),
    handler: handler as unknown as RouteOptions['handler'],
  };
  if (upload) {
    const rawTypes = new Set(upload.rawMediaTypes ?? []);
    options_.preValidation = (request: FastifyRequest, _reply: FastifyReply, done: () => void) => {
      const contentType = request.headers['content-type'] ?? '';
      const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
      if (type === 'multipart/form-data') assertMultipartBoundary(contentType);
      else if (body && !rawTypes.has(type)) request.body = parseOrThrow(body, request.body, '/body');
      done();
    };
  }
  app.route(options_);
}
