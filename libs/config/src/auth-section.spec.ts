import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { env, serviceEnvShape } from './env-schemas.js';
import { loadConfig } from './load-config.js';
import { serviceSection } from './service-sections.js';

const schema = z.object({ ...serviceEnvShape, PORT: env.port(4000) }).transform((e) => serviceSection('demo', e));
const KEY = `mlk_abcdef123456_${'A'.repeat(43)}`;

describe('the auth section of a service config', () => {
  it('has no key by default, asks feature-store on loopback, opens the ops endpoints on loopback', () => {
    expect(loadConfig(schema, {}).auth).toEqual({
      apiKey: undefined,
      keyOwnerUrl: 'http://127.0.0.1:4001',
      opsEndpointsOpen: true,
      keyCacheTtlMs: 5000,
    });
  });

  it('keys the ops endpoints off loopback unless told, and reads the key and the owner URL', () => {
    const config = loadConfig(schema, { HOST: '0.0.0.0', API_KEY: KEY, FEATURE_STORE_URL: 'http://fs:4001/' });
    expect(config.auth).toMatchObject({ apiKey: KEY, keyOwnerUrl: 'http://fs:4001', opsEndpointsOpen: false });
    expect(loadConfig(schema, { HOST: '0.0.0.0', OPS_ENDPOINTS: 'open' }).auth.opsEndpointsOpen).toBe(true);
    expect(loadConfig(schema, { HOST: '::1', OPS_ENDPOINTS: 'key' }).auth.opsEndpointsOpen).toBe(false);
    expect(loadConfig(schema, { HOST: 'localhost' }).auth.opsEndpointsOpen).toBe(true);
  });

  it('refuses a malformed key and a cache TTL over 5 s, naming the variable', () => {
    expect(() => loadConfig(schema, { API_KEY: 'secret' })).toThrow(ConfigError);
    expect(() => loadConfig(schema, { API_KEY: 'secret' })).toThrow(/API_KEY/);
    expect(() => loadConfig(schema, { KEY_CACHE_TTL_MS: '60000' })).toThrow(/KEY_CACHE_TTL_MS/);
  });
});
