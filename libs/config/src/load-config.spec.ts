import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { amqpEnvShape, env, mongoEnvShape, serviceEnvShape } from './env-schemas.js';
import { loadConfig } from './load-config.js';
import { amqpSection, mongoSection, serviceSection } from './service-sections.js';

const schema = z
  .object({ ...serviceEnvShape, PORT: env.port(4000), ...mongoEnvShape, ...amqpEnvShape })
  .transform((e) => ({ ...serviceSection('demo', e), mongo: mongoSection(e), amqp: amqpSection(e) }));

const validEnv = {
  MONGO_URL: 'mongodb://127.0.0.1:27017',
  MONGO_DB: 'demo',
  AMQP_URL: 'amqp://guest:guest@127.0.0.1:5672',
};

describe('loadConfig', () => {
  it('parses a valid environment into a nested, frozen config with defaults', () => {
    const config = loadConfig(schema, validEnv);
    expect(config).toMatchObject({
      service: { name: 'demo', version: '0.1.0', environment: 'development' },
      http: { host: '127.0.0.1', port: 4000, bodyLimitBytes: 1_048_576 },
      log: { level: 'info', pretty: false },
      mongo: { url: 'mongodb://127.0.0.1:27017', dbName: 'demo' },
      amqp: { url: 'amqp://guest:guest@127.0.0.1:5672' },
    });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.http)).toBe(true);
    expect(() => {
      (config.http as { port: number }).port = 1;
    }).toThrow(TypeError);
  });

  it('names every invalid variable in one error', () => {
    const error = (() => {
      try {
        loadConfig(schema, { ...validEnv, PORT: 'eighty', AMQP_URL: 'http://wrong', LOG_PRETTY: 'maybe' });
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ConfigError);
    const issues = (error as ConfigError).issues.map((issue) => issue.variable);
    expect(issues).toEqual(expect.arrayContaining(['PORT', 'AMQP_URL', 'LOG_PRETTY']));
    expect((error as ConfigError).message).toMatch(/AMQP_URL: must start with amqp:\/\/ or amqps:\/\//);
  });

  it('names a missing required variable', () => {
    expect(() => loadConfig(schema, { MONGO_DB: 'demo' })).toThrow(/MONGO_URL/);
  });

  it('treats empty strings as unset so placeholders fall back to defaults', () => {
    const config = loadConfig(schema, { ...validEnv, PORT: '', LOG_LEVEL: '' });
    expect(config.http.port).toBe(4000);
    expect(config.log.level).toBe('info');
  });

  it('reads booleans in their usual spellings', () => {
    expect(loadConfig(schema, { ...validEnv, LOG_PRETTY: 'YES' }).log.pretty).toBe(true);
    expect(loadConfig(schema, { ...validEnv, LOG_PRETTY: 'off' }).log.pretty).toBe(false);
  });
});
