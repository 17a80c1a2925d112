import { createHash } from 'node:crypto';
import { SCOPES, type Scope } from '@mlops/contracts';
import type { Caller, KeyVerifier } from '@mlops/http';

const known = new Map<string, Caller>();

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/**
 * A fixed test key (never valid outside tests) for `owner` holding `scopes` (default `admin`),
 * known to `testKeyVerifier` in this process. Tests send it where a client would send its key.
 */
export function testKeyFor(owner: string, scopes: readonly Scope[] = ['admin']): string {
  const seed = `${owner}|${[...scopes].sort().join(',')}`;
  const prefix = `t${digest(`prefix:${seed}`).toString('hex').slice(0, 11)}`;
  const key = `mlk_${prefix}_${digest(`secret:${seed}`).toString('base64url')}`;
  known.set(key, { owner, keyPrefix: prefix, scopes: [...scopes] });
  return key;
}

/** Every scope but `admin`: what the test services present to one another. */
const SERVICE_SCOPES = SCOPES.filter((scope) => scope !== 'admin');

/** The bearer keys of tests: an admin, the services' own key (every scope but admin), a key with no scope. */
export const TEST_KEYS = {
  admin: testKeyFor('test-admin'),
  service: testKeyFor('test-service', SERVICE_SCOPES),
  noScopes: testKeyFor('test-nobody', []),
} as const;

/** Knows the keys made by `testKeyFor` (and `TEST_KEYS`); refuses any other. For `overrides.keyVerifier`. */
export const testKeyVerifier: KeyVerifier = {
  verify: (key) => Promise.resolve(known.get(key)),
};

/** `Authorization` header value for a test key of `owner` (default: the test admin). */
export function bearer(owner?: string, scopes?: readonly Scope[]): string {
  return `Bearer ${owner === undefined ? TEST_KEYS.admin : testKeyFor(owner, scopes)}`;
}

interface InjectRequest {
  readonly headers?: Record<string, unknown>;
  readonly [option: string]: unknown;
}
type InjectArgument = string | InjectRequest | undefined;

/**
 * Makes `app.inject(...)` send the test admin key unless the call sets its own `authorization`
 * (an explicit `authorization: undefined` sends none). Returns the app.
 */
export function withTestKey<A extends { inject: (...args: never[]) => unknown }>(
  app: A,
  key: string = TEST_KEYS.admin,
): A {
  const inject = app.inject.bind(app) as (options?: InjectArgument) => unknown;
  const withKey = (options?: InjectArgument): unknown => {
    if (options === undefined) return inject(options);
    const request: InjectRequest = typeof options === 'string' ? { url: options, method: 'GET' } : options;
    const headers = request.headers ?? {};
    return inject({
      ...request,
      headers: 'authorization' in headers ? headers : { ...headers, authorization: `Bearer ${key}` },
    });
  };
  (app as { inject: unknown }).inject = withKey;
  return app;
}
