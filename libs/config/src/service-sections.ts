import type { z } from 'zod';
import { amqpEnvShape, env, mongoEnvShape, serviceEnvShape } from './env-schemas.js';

type ServiceEnv = z.output<z.ZodObject<typeof serviceEnvShape>> & { PORT: number };
type MongoEnv = z.output<z.ZodObject<typeof mongoEnvShape>>;
type AmqpEnv = z.output<z.ZodObject<typeof amqpEnvShape>>;

/** Limits and safe defaults of a service's HTTP server (timeouts, rate limit, CORS, Host allow-list). */
export interface HttpHardeningSection {
  readonly timeouts: {
    readonly requestMs: number;
    readonly connectionMs: number;
    readonly keepAliveMs: number;
    readonly headersMs: number;
  };
  /** Requests per window and key (the API key prefix, else the client address); `max: 0` turns the limit off. */
  readonly rateLimit: { readonly max: number; readonly windowMs: number };
  /** Origins allowed to call from a browser; empty means CORS is off. */
  readonly corsOrigins: readonly string[];
  /** Host names accepted when listening on loopback, on top of localhost, 127.0.0.1 and [::1]. */
  readonly allowedHosts: readonly string[];
  /** Whether the server listens on a loopback address only (Host checking applies). */
  readonly loopbackOnly: boolean;
}

/** The part of every service's config that says who it is, where it listens and how it logs. */
export interface ServiceSection {
  readonly service: { readonly name: string; readonly version: string; readonly environment: ServiceEnv['NODE_ENV'] };
  readonly http: {
    readonly host: string;
    readonly port: number;
    readonly bodyLimitBytes: number;
    readonly hardening: HttpHardeningSection;
  };
  readonly log: { readonly level: ServiceEnv['LOG_LEVEL']; readonly pretty: boolean };
  readonly shutdownTimeoutMs: number;
  readonly auth: AuthSection;
}

/** How a service checks its callers and presents itself to the services it calls. */
export interface AuthSection {
  /** This service's own key; required by every service but the key owner (feature-store). */
  readonly apiKey: string | undefined;
  /** feature-store, which answers whose a key is. */
  readonly keyOwnerUrl: string;
  /** `/metrics`, `/docs` and `/openapi.json` open without a key. */
  readonly opsEndpointsOpen: boolean;
  readonly keyCacheTtlMs: number;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** Nests the common variables of a service (`PORT`, `HOST`, `LOG_*` ...) into its config shape. */
export function serviceSection(name: string, env: ServiceEnv): ServiceSection {
  return {
    service: { name, version: env.APP_VERSION ?? '0.1.0', environment: env.NODE_ENV },
    http: {
      host: env.HOST,
      port: env.PORT,
      bodyLimitBytes: env.HTTP_BODY_LIMIT_BYTES,
      hardening: hardeningSection(env),
    },
    log: { level: env.LOG_LEVEL, pretty: env.LOG_PRETTY },
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    auth: {
      apiKey: env.API_KEY,
      keyOwnerUrl: env.FEATURE_STORE_URL.replace(/\/$/, ''),
      opsEndpointsOpen: env.OPS_ENDPOINTS === 'auto' ? isLoopback(env.HOST) : env.OPS_ENDPOINTS === 'open',
      keyCacheTtlMs: env.KEY_CACHE_TTL_MS,
    },
  };
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost', '::ffff:127.0.0.1']);

function hardeningSection(env: ServiceEnv): HttpHardeningSection {
  return {
    timeouts: {
      requestMs: env.HTTP_REQUEST_TIMEOUT_MS,
      connectionMs: env.HTTP_CONNECTION_TIMEOUT_MS,
      keepAliveMs: env.HTTP_KEEP_ALIVE_TIMEOUT_MS,
      headersMs: env.HTTP_HEADERS_TIMEOUT_MS,
    },
    rateLimit: { max: env.RATE_LIMIT_MAX, windowMs: env.RATE_LIMIT_WINDOW_MS },
    corsOrigins: env.CORS_ORIGINS,
    allowedHosts: env.ALLOWED_HOSTS,
    loopbackOnly: LOOPBACK_HOSTS.has(env.HOST) || env.HOST.startsWith('127.'),
  };
}

/** MongoDB section of a service config: where, which database, and how long to wait for it. */
export function mongoSection(env: MongoEnv): {
  readonly url: string;
  readonly dbName: string;
  readonly timeouts: { readonly connectMs: number; readonly socketMs: number; readonly serverSelectionMs: number };
} {
  return {
    url: env.MONGO_URL,
    dbName: env.MONGO_DB,
    timeouts: {
      connectMs: env.MONGO_CONNECT_TIMEOUT_MS,
      socketMs: env.MONGO_SOCKET_TIMEOUT_MS,
      serverSelectionMs: env.MONGO_SERVER_SELECTION_TIMEOUT_MS,
    },
  };
}

/** RabbitMQ section of a service config: where, and how long a publish waits for the broker's confirm. */
export function amqpSection(env: AmqpEnv): { readonly url: string; readonly confirmTimeoutMs: number } {
  return { url: env.AMQP_URL, confirmTimeoutMs: env.AMQP_CONFIRM_TIMEOUT_MS };
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
