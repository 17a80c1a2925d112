import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';

/** One request as the upstream received it: its body as far as it arrived. */
export interface ReceivedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  /** The bytes received so far (all of them once `complete`). */
  readonly body: () => Buffer;
  /** Whether the whole body arrived. */
  readonly complete: () => boolean;
}

/** Answers a request whose body has been read whole. */
export type UpstreamHandler = (request: ReceivedRequest, response: ServerResponse) => void;

/** A real HTTP server on 127.0.0.1 standing in for another service. */
export interface LocalUpstream {
  readonly baseUrl: string;
  /** Every request received, in order, including those whose body never ended. */
  readonly received: ReceivedRequest[];
  /** Stops listening and drops open connections. */
  readonly close: () => Promise<void>;
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    });
  });
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/**
 * Starts a local upstream that reads each request body whole, then lets `handler` answer.
 * The caller closes it; inside a `describe`, `localUpstreams` closes them after each test.
 */
export async function startLocalUpstream(handler: UpstreamHandler): Promise<LocalUpstream> {
  const received: ReceivedRequest[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    let complete = false;
    const entry: ReceivedRequest = {
      method: request.method ?? '',
      url: request.url ?? '',
      headers: request.headers,
      body: () => Buffer.concat(chunks),
      complete: () => complete,
    };
    received.push(entry);
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('error', () => undefined);
    request.on('end', () => {
      complete = true;
      handler(entry, response);
    });
  });
  return { baseUrl: await listen(server), received, close: () => close(server) };
}

/**
 * Returns a starter of local upstreams, each closed (connections included) after each test.
 * Call it once at the top of a `describe` (or of a spec file).
 */
export function localUpstreams(): (handler: UpstreamHandler) => Promise<LocalUpstream> {
  const started: LocalUpstream[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((upstream) => upstream.close()));
  });
  return async (handler) => {
    const upstream = await startLocalUpstream(handler);
    started.push(upstream);
    return upstream;
  };
}

/** A base URL where nothing listens (a server was started there, then closed). */
export async function closedBaseUrl(): Promise<string> {
  const server = createServer();
  const baseUrl = await listen(server);
  await close(server);
  return baseUrl;
}

/** Answers a JSON document. */
export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

/** Answers an RFC 9457 problem with the suite's extensions. */
export function sendProblem(
  response: ServerResponse,
  status: number,
  code: string,
  extra: Readonly<Record<string, unknown>> = {},
): void {
  response.writeHead(status, { 'content-type': 'application/problem+json' });
  response.end(JSON.stringify({ type: `https://mlops.local/problems/${code}`, title: code, status, code, ...extra }));
}
