import { z } from 'zod';

const TRUE_WORDS = new Set(['1', 'true', 'yes', 'on']);
const FALSE_WORDS = new Set(['0', 'false', 'no', 'off']);

/** Building blocks for service config schemas, each parsing one environment string. */
export const env = {
  port: (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback),
  positiveInt: (fallback: number) => z.coerce.number().int().positive().default(fallback),
  url: (protocols: readonly string[]) =>
    z.url().refine((value) => protocols.some((p) => value.startsWith(`${p}://`)), {
      message: `must start with ${protocols.map((p) => `${p}://`).join(' or ')}`,
    }),
  bool: (fallback: boolean) =>
    z
      .string()
      .transform((value, ctx) => {
        const word = value.trim().toLowerCase();
        if (TRUE_WORDS.has(word)) return true;
        if (FALSE_WORDS.has(word)) return false;
        ctx.addIssue({ code: 'custom', message: 'must be one of true/false/1/0/yes/no/on/off' });
        return z.NEVER;
      })
      .default(fallback),
  logLevel: () => z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  nodeEnv: () => z.enum(['development', 'production', 'test']).default('development'),
  nonNegativeInt: (fallback: number) => z.coerce.number().int().min(0).default(fallback),
  /** A comma-separated list (`a, b,c`); empty entries are dropped. */
  list: () =>
    z
      .string()
      .transform((value) =>
        value
          .split(',')
          .map((item) => item.trim())
          .filter(Boolean),
      )
      .default([]),
} as const;

/** Variables of the API keys: this service's own key, where keys are checked, and who may read the ops endpoints. */
const authEnvShape = {
  /** This service's own key (`mlk_<prefix>_<secret>`), sent to the services it calls. */
  API_KEY: z
    .string()
    .regex(/^mlk_[a-z0-9]{8,32}_[A-Za-z0-9_-]{43,128}$/, 'must be an API key, mlk_<prefix>_<secret>')
    .optional(),
  /** The key owner, asked about the keys callers present (feature-store checks its own). */
  FEATURE_STORE_URL: env.url(['http', 'https']).default('http://127.0.0.1:4001'),
  /** `/metrics`, `/docs`, `/openapi.json`: `auto` is open when HOST is a loopback address, otherwise any valid key. */
  OPS_ENDPOINTS: z.enum(['auto', 'open', 'key']).default('auto'),
  /** How long a verified key is trusted without asking again (at most 5 s, so revocation is quick). */
  KEY_CACHE_TTL_MS: z.coerce.number().int().min(0).max(5000).default(5000),
} as const;

/**
 * The variables every service reads: where it listens, how it logs, and how long it may
 * take to drain on shutdown.
 */
export const serviceEnvShape = {
  NODE_ENV: env.nodeEnv(),
  HOST: z.string().default('127.0.0.1'),
  LOG_LEVEL: env.logLevel(),
  LOG_PRETTY: env.bool(false),
  SHUTDOWN_TIMEOUT_MS: env.positiveInt(10_000),
  HTTP_BODY_LIMIT_BYTES: env.positiveInt(1_048_576),
  APP_VERSION: z.string().min(1).max(64).optional(),
  ...authEnvShape,
  HTTP_REQUEST_TIMEOUT_MS: env.positiveInt(120_000),
  HTTP_CONNECTION_TIMEOUT_MS: env.positiveInt(300_000),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: env.positiveInt(72_000),
  HTTP_HEADERS_TIMEOUT_MS: env.positiveInt(20_000),
  RATE_LIMIT_MAX: env.nonNegativeInt(60_000),
  RATE_LIMIT_WINDOW_MS: env.positiveInt(60_000),
  CORS_ORIGINS: env.list(),
  ALLOWED_HOSTS: env.list(),
} as const;

/** Variables of services that store data in MongoDB. */
export const mongoEnvShape = {
  MONGO_URL: env.url(['mongodb', 'mongodb+srv']),
  MONGO_DB: z.string().regex(/^[A-Za-z0-9_-]{1,63}$/, 'letters, digits, _ and - only (max 63)'),
  MONGO_CONNECT_TIMEOUT_MS: env.positiveInt(5000),
  MONGO_SOCKET_TIMEOUT_MS: env.positiveInt(120_000),
  MONGO_SERVER_SELECTION_TIMEOUT_MS: env.positiveInt(5000),
} as const;

/** Variables of services that talk to RabbitMQ. */
export const amqpEnvShape = {
  AMQP_URL: env.url(['amqp', 'amqps']),
  AMQP_CONFIRM_TIMEOUT_MS: env.positiveInt(5000),
} as const;
