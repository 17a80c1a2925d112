import type { ServiceSection } from '@mlops/config';
import { createHttpApp, type HttpApp, type KeyVerifier } from '@mlops/http';
import { createLogger, type Logger } from '@mlops/logger';
import type { Topology } from '@mlops/messaging';
import type { IndexedCollection } from '@mlops/mongo';
import { openInfrastructure, type ServiceInfrastructure } from './infrastructure.js';
import { serviceAuth } from './service-auth.js';

/** How a service describes itself to the app builder. */
export interface ServiceAppSpec {
  readonly config: ServiceSection;
  readonly description: string;
  readonly logger?: Logger | undefined;
  /** Checks callers' keys; by default feature-store is asked with the service's `API_KEY` (tests give a double). */
  readonly keyVerifier?: KeyVerifier | undefined;
}

/** How a service that stores data and talks to the broker describes itself. */
export interface ConnectedServiceAppSpec extends Omit<ServiceAppSpec, 'keyVerifier'> {
  readonly mongo: {
    readonly url: string;
    readonly dbName: string;
    readonly timeouts?: { readonly connectMs: number; readonly socketMs: number; readonly serverSelectionMs: number };
  };
  readonly amqpUrl: string;
  /** How long a publish waits for the broker's confirm (default 5 s). */
  readonly amqpConfirmTimeoutMs?: number;
  readonly collections: readonly IndexedCollection[];
  readonly topology: Topology;
  /** The key checker, or how to make it from the opened database (the key owner's own store). */
  readonly keyVerifier?:
    KeyVerifier | ((infrastructure: ServiceInfrastructure, logger: Logger) => KeyVerifier) | undefined;
}

/** The root logger of a service, from its config. */
export function serviceLogger(config: ServiceSection): Logger {
  return createLogger({ service: config.service.name, level: config.log.level, pretty: config.log.pretty });
}

/** The app of a stateless service: the common HTTP surface, no database, no broker. */
export async function buildStatelessApp(spec: ServiceAppSpec): Promise<HttpApp> {
  return createHttpApp({
    service: spec.config.service.name,
    version: spec.config.service.version,
    description: spec.description,
    logger: spec.logger ?? serviceLogger(spec.config),
    bodyLimitBytes: spec.config.http.bodyLimitBytes,
    hardening: spec.config.http.hardening,
    auth: serviceAuth(spec.config, spec.keyVerifier),
  });
}

/**
 * The app of a service backed by MongoDB and RabbitMQ: connects both, makes `/readyz` probe
 * them, and closes them with the app after consumers and requests have drained.
 */
export async function buildConnectedApp(
  spec: ConnectedServiceAppSpec,
): Promise<{ app: HttpApp; infrastructure: ServiceInfrastructure; logger: Logger }> {
  const logger = spec.logger ?? serviceLogger(spec.config);
  const infrastructure = await openInfrastructure({
    config: spec.config,
    logger,
    mongo: { ...spec.mongo, collections: spec.collections },
    amqp: {
      url: spec.amqpUrl,
      topology: spec.topology,
      ...(spec.amqpConfirmTimeoutMs !== undefined && { confirmTimeoutMs: spec.amqpConfirmTimeoutMs }),
    },
  });
  try {
    const verifier =
      typeof spec.keyVerifier === 'function' ? spec.keyVerifier(infrastructure, logger) : spec.keyVerifier;
    const app = await createHttpApp({
      service: spec.config.service.name,
      version: spec.config.service.version,
      description: spec.description,
      logger,
      bodyLimitBytes: spec.config.http.bodyLimitBytes,
      hardening: spec.config.http.hardening,
      readinessChecks: infrastructure.readinessChecks,
      auth: serviceAuth(spec.config, verifier),
    });
    infrastructure.bindTo(app);
    return { app, infrastructure, logger };
  } catch (error) {
    await infrastructure.broker.close({ graceful: false });
    await infrastructure.mongo.close();
    throw error;
  }
}
