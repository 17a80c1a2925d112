import type { ServiceSection } from '@mlops/config';
import { cachingVerifier, remoteVerifier, type AuthOptions, type KeyVerifier } from '@mlops/http';

/**
 * The auth of a service's app: the verifier it was given (feature-store's own store, or a test
 * double), else one asking feature-store with this service's `API_KEY`; cached at most 5 s.
 * Throws when neither is available, so a service never starts without checking keys.
 */
export function serviceAuth(config: ServiceSection, verifier?: KeyVerifier): AuthOptions {
  const { apiKey, keyOwnerUrl, opsEndpointsOpen, keyCacheTtlMs } = config.auth;
  let inner = verifier;
  if (!inner) {
    if (apiKey === undefined)
      throw new Error(
        `API_KEY is not set: ${config.service.name} needs its own key (scope introspect) to check callers' keys at ${keyOwnerUrl}`,
      );
    inner = remoteVerifier({ baseUrl: keyOwnerUrl, apiKey });
  }
  return { verifier: cachingVerifier(inner, { ttlMs: keyCacheTtlMs }), opsEndpointsOpen };
}
