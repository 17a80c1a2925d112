import type { FastifyInstance } from 'fastify';
import { hardeningErrors } from './hardening-errors.js';

/**
 * No server inflates compressed request bodies: a body sent with a `Content-Encoding` other than
 * `identity` is refused with 415 before it is read, so a gzip bomb is never expanded.
 */
export function refuseEncodedBodies(app: FastifyInstance): void {
  app.addHook('onRequest', (request, _reply, done) => {
    const encoding = request.headers['content-encoding']?.trim().toLowerCase();
    if (encoding === undefined || encoding === '' || encoding === 'identity') {
      done();
      return;
    }
    done(
      hardeningErrors.contentEncoding(
        `Request bodies are accepted uncompressed only (Content-Encoding: ${encoding} is not).`,
      ),
    );
  });
}
