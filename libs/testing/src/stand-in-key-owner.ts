import type { AddressInfo } from 'node:net';
import { keyRoutes } from '@mlops/contracts';
import { authErrors, createHttpApp, registerRoute, type HttpApp } from '@mlops/http';
import { createLogger } from '@mlops/logger';
import { TEST_KEYS, testKeyVerifier } from './test-keys.js';

/** A key owner on loopback for service processes started by tests. */
export interface StandInKeyOwner {
  /** Give it to a service process as `FEATURE_STORE_URL`. */
  readonly url: string;
  /** The env a service process needs to check its callers here: `FEATURE_STORE_URL` and its own `API_KEY`. */
  readonly env: Readonly<Record<string, string>>;
  stop(): Promise<void>;
}

/**
 * feature-store's introspection (`keyRoutes.introspect`) answered from the test keys
 * (`testKeyFor`, `TEST_KEYS`), so that a service started as its own process (`spawnService`)
 * accepts the same test bearer keys as the apps built in the test process.
 */
export async function startStandInKeyOwner(): Promise<StandInKeyOwner> {
  const app: HttpApp = await createHttpApp({
    service: 'stand-in-key-owner',
    version: '0.0.0',
    description: 'Introspection of test keys',
    logger: createLogger({ service: 'stand-in-key-owner', level: 'silent' }),
    bodyLimitBytes: 64 * 1024,
    auth: { verifier: testKeyVerifier, opsEndpointsOpen: true },
  });
  registerRoute(app, keyRoutes.introspect, async (request) => {
    const caller = await testKeyVerifier.verify(request.body.key);
    if (!caller) throw authErrors.keyRefused();
    return { owner: caller.owner, scopes: [...caller.scopes], keyPrefix: caller.keyPrefix, expiresAt: null };
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return { url, env: { FEATURE_STORE_URL: url, API_KEY: TEST_KEYS.service }, stop: () => app.close() };
}
