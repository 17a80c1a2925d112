import type { FastifyInstance } from 'fastify';
import { hardeningErrors } from './hardening-errors.js';

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

/** The host name of a Host header, lower-cased and without its port (`[::1]:80` → `[::1]`). */
export function hostName(header: string): string {
  const host = header.trim().toLowerCase();
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  const colon = host.indexOf(':');
  return colon >= 0 ? host.slice(0, colon) : host;
}

/**
 * Defence against DNS rebinding for a server that listens on loopback: a page on a hostile site
 * whose name resolves to 127.0.0.1 sends its own name in `Host`, so any Host other than loopback
 * names and the configured `ALLOWED_HOSTS` is answered with 421 problem+json before routing.
 */
export function registerHostCheck(app: FastifyInstance, allowedHosts: readonly string[]): void {
  const allowed = new Set([...LOOPBACK_NAMES, ...allowedHosts.map(hostName)]);
  app.addHook('onRequest', (request, _reply, done) => {
    const host = request.headers.host;
    if (typeof host === 'string' && allowed.has(hostName(host))) {
      done();
      return;
    }
    done(
      hardeningErrors.misdirected(
        `Host ${JSON.stringify(host ?? '')} is not served by this server; add it to ALLOWED_HOSTS if it should be.`,
      ),
    );
  });
}
