import { Readable } from 'node:stream';
import { UI_CSRF_HEADER, uiProxyParamsSchema, uiRoutes, type UiService } from '@mlops/contracts';
import { parseOrThrow, type HttpApp } from '@mlops/http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sessionKeyOf } from './session-cookie.js';
import { uiErrors } from './ui-errors.js';

/** Where each service behind the proxy answers. */
export type UiUpstreams = Readonly<Record<UiService, string>>;

/** Request headers passed on to the service (the key is added from the cookie; cookies never leave). */
const FORWARDED_REQUEST = [
  'accept',
  'content-type',
  'content-length',
  'if-none-match',
  'range',
  'last-event-id',
  'idempotency-key',
];

/** Answer headers not passed back: hop-by-hop, and the encoding fetch already undid. */
const DROPPED_ANSWER = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-encoding', 'content-length']);

function upstreamUrl(upstreams: UiUpstreams, request: FastifyRequest): { service: UiService; url: string } {
  const params = parseOrThrow(uiProxyParamsSchema, request.params, '/params');
  if (!params['*'].startsWith('v1/'))
    throw uiErrors.notProxied(`Only the services' /v1 API is reachable here, not /${params['*']}.`);
  const query = request.url.indexOf('?');
  const search = query === -1 ? '' : request.url.slice(query);
  return { service: params.service, url: `${upstreams[params.service]}/${params['*']}${search}` };
}

function forwardedHeaders(request: FastifyRequest, key: string): Headers {
  const headers = new Headers({ authorization: `Bearer ${key}`, 'x-request-id': request.id });
  for (const name of FORWARDED_REQUEST) {
    const value = request.headers[name];
    if (typeof value === 'string') headers.set(name, value);
  }
  return headers;
}

async function forward(upstreams: UiUpstreams, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const key = sessionKeyOf(request);
  if (key === undefined) throw uiErrors.notSignedIn('No dashboard session: sign in with an API key.');
  if (request.method !== 'GET' && request.method !== 'HEAD' && request.headers[UI_CSRF_HEADER] !== '1')
    throw uiErrors.missingUiHeader(`Send \`${UI_CSRF_HEADER}: 1\` with calls that change data.`);
  const { service, url } = upstreamUrl(upstreams, request);
  const aborted = new AbortController();
  reply.raw.on('close', () => aborted.abort());
  // A bodiless DELETE arrives without content-length and without a body stream.
  const hasBody = request.body instanceof Readable && request.method !== 'GET' && request.method !== 'HEAD';
  let answer: Response;
  try {
    answer = await fetch(url, {
      method: request.method,
      headers: forwardedHeaders(request, key),
      ...(hasBody ? { body: Readable.toWeb(request.body as Readable) as ReadableStream, duplex: 'half' } : {}),
      signal: aborted.signal,
      redirect: 'manual',
    });
  } catch (error) {
    request.log.warn({ err: error, service }, 'dashboard proxy: the service does not answer');
    throw uiErrors.serviceUnavailable(`${service} does not answer; the rest of the dashboard keeps working.`);
  }
  void reply.status(answer.status);
  answer.headers.forEach((value, name) => {
    if (!DROPPED_ANSWER.has(name)) void reply.header(name, value);
  });
  void reply.header('x-mlops-service', service);
  if (!answer.body) return reply.send();
  return reply.send(Readable.fromWeb(answer.body));
}

/**
 * `/ui/api/<service>/<path>`: the dashboard's calls, forwarded to the service with the session's key
 * as `Authorization: Bearer` (the service checks the scope), bodies streamed both ways, problem+json
 * passed through, 503 naming the service when it does not answer. Calls other than GET need the
 * `x-mlops-ui: 1` header, which another origin's page cannot send (CSRF defence beside SameSite=Strict).
 */
export async function registerUiProxy(app: HttpApp, upstreams: UiUpstreams): Promise<void> {
  await app.register((scope, _options, done) => {
    // Bodies stay streams: the service reads and checks them.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
    scope.route({
      method: ['GET', 'POST', 'PUT', 'DELETE'],
      url: uiRoutes.proxy.path,
      config: { sessionAuthenticated: true },
      schema: { hide: true },
      handler: (request, reply) => forward(upstreams, request, reply),
    });
    done();
  });
}
