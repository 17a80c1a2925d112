import { serviceSection } from '@mlops/config';
import type { KeyVerifier } from '@mlops/http';
import { describe, expect, it } from 'vitest';
import { serviceAuth } from './service-auth.js';

const base = {
  NODE_ENV: 'test',
  HOST: '127.0.0.1',
  PORT: 4000,
  LOG_LEVEL: 'silent',
  LOG_PRETTY: false,
  SHUTDOWN_TIMEOUT_MS: 1000,
  HTTP_BODY_LIMIT_BYTES: 1024,
  FEATURE_STORE_URL: 'http://127.0.0.1:9',
  OPS_ENDPOINTS: 'auto',
  KEY_CACHE_TTL_MS: 5000,
} as const;

function config(apiKey?: string) {
  return serviceSection('demo', { ...base, API_KEY: apiKey } as unknown as Parameters<typeof serviceSection>[1]);
}

describe('serviceAuth', () => {
  it('refuses to build a service that has neither a verifier nor its own API_KEY', () => {
    expect(() => serviceAuth(config())).toThrow(/API_KEY is not set/);
  });

  it('asks feature-store with the service key by default (503-worthy failure when it is down)', async () => {
    const auth = serviceAuth(config(`mlk_abcdef123456_${'A'.repeat(43)}`));
    expect(auth.opsEndpointsOpen).toBe(true);
    await expect(auth.verifier.verify(`mlk_other0000_${'B'.repeat(43)}`)).rejects.toThrow();
  });

  it('uses the verifier it is given, behind the cache', async () => {
    let calls = 0;
    const given: KeyVerifier = {
      verify: () => {
        calls += 1;
        return Promise.resolve({ owner: 'ada', keyPrefix: 'ada00000', scopes: ['read'] });
      },
    };
    const auth = serviceAuth(config(), given);
    await auth.verifier.verify('k');
    await auth.verifier.verify('k');
    expect(calls).toBe(1);
  });
});
