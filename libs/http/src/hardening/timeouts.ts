import type { FastifyServerOptions } from 'fastify';
import type { Server } from 'node:http';
import type { HardeningOptions } from './hardening-options.js';

/**
 * The fastify server options that bound how long a client may hold a connection: the whole
 * request, an idle socket, an idle keep-alive connection. (The headers deadline is set on the
 * node server by `applyHeadersTimeout`, as fastify has no option for it.)
 */
export function serverTimeouts(
  timeouts: HardeningOptions['timeouts'],
): Pick<FastifyServerOptions, 'requestTimeout' | 'connectionTimeout' | 'keepAliveTimeout'> {
  return {
    requestTimeout: timeouts.requestMs,
    connectionTimeout: timeouts.connectionMs,
    keepAliveTimeout: timeouts.keepAliveMs,
  };
}

/** Bounds how long the request headers may take (slowloris); never longer than the whole-request deadline. */
export function applyHeadersTimeout(server: Server, timeouts: HardeningOptions['timeouts']): void {
  server.headersTimeout = Math.min(timeouts.headersMs, timeouts.requestMs);
}
