import type { HttpApp } from '@mlops/http';
import type { Logger } from '@mlops/logger';
import { buildConnectedApp } from '@mlops/runtime';
import type { FeatureStoreConfig } from './config.js';

/** Builds feature-store over MongoDB and RabbitMQ. */
export async function buildApp(
  config: FeatureStoreConfig,
  overrides: { readonly logger?: Logger } = {},
): Promise<HttpApp> {
  const { app } = await buildConnectedApp({
    config,
    description: 'Raw documents, extracted text and features, labels, datasets and their immutable versions.',
    logger: overrides.logger,
    mongo: config.mongo,
    amqpUrl: config.amqp.url,
    collections: [],
    topology: { queues: [] },
  });
  return app;
}
