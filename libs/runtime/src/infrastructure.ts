import type { ServiceSection } from '@mlops/config';
import type { HttpApp, ReadinessCheck } from '@mlops/http';
import type { Logger } from '@mlops/logger';
import { Broker, type Topology } from '@mlops/messaging';
import { connectMongo, type IndexedCollection, type MongoStore } from '@mlops/mongo';
import { hostname } from 'node:os';

/** What a service asks to be connected to. */
export interface InfrastructureRequest {
  readonly config: ServiceSection;
  readonly logger: Logger;
  readonly mongo: {
    readonly url: string;
    readonly dbName: string;
    readonly collections: readonly IndexedCollection[];
    readonly timeouts?: { readonly connectMs: number; readonly socketMs: number; readonly serverSelectionMs: number };
  };
  readonly amqp: { readonly url: string; readonly topology: Topology; readonly confirmTimeoutMs?: number };
}

/** Open connections to MongoDB and RabbitMQ, with their readiness probes. */
export interface ServiceInfrastructure {
  readonly mongo: MongoStore;
  readonly broker: Broker;
  readonly readinessChecks: readonly ReadinessCheck[];
  /**
   * Ties the connections to the app's life: on close, consumers stop taking messages and drain
   * first (preClose), then, once in-flight requests are done, the broker and MongoDB close.
   */
  bindTo(app: HttpApp): void;
}

/** Connects to MongoDB (creating indexes) and RabbitMQ (declaring the topology); closes what opened if the other fails. */
export async function openInfrastructure(request: InfrastructureRequest): Promise<ServiceInfrastructure> {
  const { config, logger } = request;
  const mongo = await connectMongo({
    url: request.mongo.url,
    dbName: request.mongo.dbName,
    appName: config.service.name,
    logger,
    collections: request.mongo.collections,
    ...(request.mongo.timeouts && {
      connectTimeoutMs: request.mongo.timeouts.connectMs,
      socketTimeoutMs: request.mongo.timeouts.socketMs,
      serverSelectionTimeoutMs: request.mongo.timeouts.serverSelectionMs,
    }),
  });
  let broker: Broker;
  try {
    broker = await Broker.connect({
      url: request.amqp.url,
      logger,
      connectionName: `${config.service.name}@${hostname()}`,
      topology: request.amqp.topology,
      ...(request.amqp.confirmTimeoutMs !== undefined && { confirmTimeoutMs: request.amqp.confirmTimeoutMs }),
    });
  } catch (error) {
    await mongo.close();
    throw error;
  }
  return {
    mongo,
    broker,
    readinessChecks: [
      { name: 'mongodb', check: () => mongo.ping() },
      { name: 'rabbitmq', check: () => broker.check() },
    ],
    bindTo(app) {
      app.addHook('preClose', async () => {
        await broker.stopConsuming(config.shutdownTimeoutMs);
      });
      app.addHook('onClose', async () => {
        await broker.close({ drainTimeoutMs: config.shutdownTimeoutMs });
        await mongo.close();
      });
    },
  };
}
