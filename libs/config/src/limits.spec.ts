import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { amqpEnvShape, env, mongoEnvShape, serviceEnvShape } from './env-schemas.js';
import { loadConfig } from './load-config.js';
import { amqpSection, mongoSection, serviceSection } from './service-sections.js';

const schema = z
  .object({ ...serviceEnvShape, PORT: env.port(4000), ...mongoEnvShape, ...amqpEnvShape })
  .transform((e) => ({ ...serviceSection('demo', e), mongo: mongoSection(e), amqp: amqpSection(e) }));

const base = { MONGO_URL: 'mongodb://127.0.0.1:27017', MONGO_DB: 'demo', AMQP_URL: 'amqp://127.0.0.1:5672' };

describe('limits and safe defaults in the config', () => {
  it('has finite timeouts, a rate limit, CORS off and Host checking on loopback by default', () => {
    const config = loadConfig(schema, base);
    expect(config.http.hardening).toEqual({
      timeouts: { requestMs: 120_000, connectionMs: 300_000, keepAliveMs: 72_000, headersMs: 20_000 },
      rateLimit: { max: 60_000, windowMs: 60_000 },
      corsOrigins: [],
      allowedHosts: [],
      loopbackOnly: true,
    });
    expect(config.mongo.timeouts).toEqual({ connectMs: 5000, socketMs: 120_000, serverSelectionMs: 5000 });
    expect(config.amqp.confirmTimeoutMs).toBe(5000);
  });

  it('reads every limit from the environment', () => {
    const config = loadConfig(schema, {
      ...base,
      HOST: '0.0.0.0',
      HTTP_REQUEST_TIMEOUT_MS: '1000',
      RATE_LIMIT_MAX: '0',
      CORS_ORIGINS: ' https://dash.example, ,https://ops.example ',
      ALLOWED_HOSTS: 'mlops.internal',
      MONGO_SOCKET_TIMEOUT_MS: '30000',
      AMQP_CONFIRM_TIMEOUT_MS: '2500',
    });
    expect(config.http.hardening).toMatchObject({
      timeouts: { requestMs: 1000 },
      rateLimit: { max: 0 },
      corsOrigins: ['https://dash.example', 'https://ops.example'],
      allowedHosts: ['mlops.internal'],
      loopbackOnly: false,
    });
    expect(config.mongo.timeouts.socketMs).toBe(30_000);
    expect(config.amqp.confirmTimeoutMs).toBe(2500);
  });

  it('names a bad limit', () => {
    expect(() => loadConfig(schema, { ...base, RATE_LIMIT_MAX: '-1' })).toThrow(ConfigError);
    expect(() => loadConfig(schema, { ...base, HTTP_HEADERS_TIMEOUT_MS: 'soon' })).toThrow(/HTTP_HEADERS_TIMEOUT_MS/);
  });
});
