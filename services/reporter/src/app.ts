import type { HttpApp } from '@mlops/http';
import type { Logger } from '@mlops/logger';
import { buildConnectedApp } from '@mlops/runtime';
import type { ReporterConfig } from './config.js';

/** Builds reporter over MongoDB and RabbitMQ. */
export async function buildApp(config: ReporterConfig, overrides: { readonly logger?: Logger } = {}): Promise<HttpApp> {
  const { app } = await buildConnectedApp({
    config,
    description: 'PDF model reports and comparison reports.',
    logger: overrides.logger,
    mongo: config.mongo,
    amqpUrl: config.amqp.url,
    collections: [],
    topology: { queues: [] },
  });
  return app;
}
