import type { Logger } from '@mlops/logger';
import closeWithGrace from 'close-with-grace';
import type { FastifyInstance } from 'fastify';

interface ListenOptions {
  readonly host: string;
  readonly port: number;
  readonly shutdownTimeoutMs: number;
  readonly logger: Logger;
}

/**
 * Starts listening and arranges a graceful stop on SIGTERM/SIGINT (or a crash): the app stops
 * taking work, drains in-flight requests and consumers through its close hooks, closes its
 * connections, and the process exits; after `shutdownTimeoutMs` it exits anyway.
 */
export async function listenWithGracefulShutdown(app: FastifyInstance, options: ListenOptions): Promise<string> {
  closeWithGrace({ delay: options.shutdownTimeoutMs }, async ({ signal, err }) => {
    if (err) options.logger.fatal({ err }, 'stopping after an unhandled error');
    else options.logger.info({ signal }, 'stopping: draining requests and consumers');
    await app.close();
    options.logger.info('stopped');
  });
  return app.listen({ host: options.host, port: options.port });
}
