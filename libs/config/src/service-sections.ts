import type { z } from 'zod';
import { amqpEnvShape, env, mongoEnvShape, serviceEnvShape } from './env-schemas.js';

type ServiceEnv = z.output<z.ZodObject<typeof serviceEnvShape>> & { PORT: number };
type MongoEnv = z.output<z.ZodObject<typeof mongoEnvShape>>;
type AmqpEnv = z.output<z.ZodObject<typeof amqpEnvShape>>;

/** The part of every service's config that says who it is, where it listens and how it logs. */
export interface ServiceSection {
  readonly service: { readonly name: string; readonly version: string; readonly environment: ServiceEnv['NODE_ENV'] };
  readonly http: { readonly host: string; readonly port: number; readonly bodyLimitBytes: number };
  readonly log: { readonly level: ServiceEnv['LOG_LEVEL']; readonly pretty: boolean };
  readonly shutdownTimeoutMs: number;
}

/** Nests the common variables of a service (`PORT`, `HOST`, `LOG_*` ...) into its config shape. */
export function serviceSection(name: string, env: ServiceEnv): ServiceSection {
  return {
    service: { name, version: env.APP_VERSION ?? '0.1.0', environment: env.NODE_ENV },
    http: { host: env.HOST, port: env.PORT, bodyLimitBytes: env.HTTP_BODY_LIMIT_BYTES },
    log: { level: env.LOG_LEVEL, pretty: env.LOG_PRETTY },
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
  };
}

/** MongoDB section of a service config. */
export function mongoSection(env: MongoEnv): { readonly url: string; readonly dbName: string } {
  return { url: env.MONGO_URL, dbName: env.MONGO_DB };
}

/** RabbitMQ section of a service config. */
export function amqpSection(env: AmqpEnv): { readonly url: string } {
  return { url: env.AMQP_URL };
}

/** The environment of a service backed by MongoDB and RabbitMQ: the common variables plus both connections. */
export function connectedServiceEnvShape(defaultPort: number, defaultDbName: string) {
  return {
    ...serviceEnvShape,
    PORT: env.port(defaultPort),
    ...mongoEnvShape,
    MONGO_DB: mongoEnvShape.MONGO_DB.default(defaultDbName),
    ...amqpEnvShape,
  } as const;
}

/** Nests the variables of `connectedServiceEnvShape` into the service, mongo and amqp sections. */
export function connectedServiceSections(name: string, e: ServiceEnv & MongoEnv & AmqpEnv) {
  return { ...serviceSection(name, e), mongo: mongoSection(e), amqp: amqpSection(e) };
}
