import type { FastifyRequest } from 'fastify';
import type { Caller } from './caller.js';

/** The owner of the key the request carried, for audits. Throws when the app checks no keys (a wiring bug). */
export function callerOf(request: FastifyRequest): Caller {
  if (!request.caller) throw new Error(`no caller on ${request.method} ${request.url}: the app was built without auth`);
  return request.caller;
}
