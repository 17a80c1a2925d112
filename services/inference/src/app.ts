import type { HttpApp } from '@mlops/http';
import type { Logger } from '@mlops/logger';
import { buildConnectedApp } from '@mlops/runtime';
import type { InferenceConfig } from './config.js';

/** Builds inference over MongoDB and RabbitMQ. */
export async function buildApp(
  config: InferenceConfig,
  overrides: { readonly logger?: Logger } = {},
): Promise<HttpApp> {
  const { app } = await buildConnectedApp({
    config,
    description: 'Serves production models over REST with hot swap, shadow and canary.',
    logger: overrides.logger,
    mongo: config.mongo,
    amqpUrl: config.amqp.url,
    collections: [],
    topology: { queues: [] },
  });
  return app;
}
