import type { ServiceSection } from '@mlops/config';
import { listenWithGracefulShutdown, type HttpApp } from '@mlops/http';
import { createLogger, type Logger } from '@mlops/logger';

/**
 * The body of every `server.ts`: parse the config (a bad environment exits with a message
 * naming the variable), build the app, listen, and stop gracefully on SIGTERM.
 */
export async function startServer<C extends ServiceSection>(
  name: string,
  loadConfig: () => C,
  buildApp: (config: C, logger: Logger) => Promise<HttpApp>,
): Promise<void> {
  let config: C;
  try {
    config = loadConfig();
  } catch (error) {
    createLogger({ service: name }).fatal({ err: error }, 'invalid configuration');
    process.exit(78);
  }
  const logger = createLogger({ service: name, level: config.log.level, pretty: config.log.pretty });
  try {
    const app = await buildApp(config, logger);
    const address = await listenWithGracefulShutdown(app, {
      host: config.http.host,
      port: config.http.port,
      shutdownTimeoutMs: config.shutdownTimeoutMs,
      logger,
    });
    logger.info({ address, docs: `${address}/docs` }, `${name} listening`);
  } catch (error) {
    logger.fatal({ err: error }, 'failed to start');
    process.exit(1);
  }
}
