import { parseApiKey, type KeyIdentity } from '@mlops/contracts';
import type { KeyVerifier } from '@mlops/http';
import type { Logger } from '@mlops/logger';
import type { ApiKeyRepository } from './api-key.repository.js';
import { secretMatches } from './key-secret.js';

/** Checks keys against the store, answering the caller (for the auth plugin) or the whole identity (for introspection). */
export interface LocalKeyVerifier extends KeyVerifier {
  identify(key: string): Promise<KeyIdentity | undefined>;
}

/**
 * Checks keys against feature-store's own store: the prefix names the stored key, the secret
 * must match its scrypt hash, and the key must be neither revoked nor expired. Records the use.
 */
export function localKeyVerifier(
  keys: ApiKeyRepository,
  logger: Logger,
  now: () => Date = () => new Date(),
): LocalKeyVerifier {
  const identify = async (key: string): Promise<KeyIdentity | undefined> => {
    const parsed = parseApiKey(key);
    if (!parsed) return undefined;
    const stored = await keys.find(parsed.prefix);
    if (!stored || !(await secretMatches(parsed.secret, stored.hash))) return undefined;
    const at = now();
    if (stored.revokedAt !== null || (stored.expiresAt !== null && stored.expiresAt <= at)) return undefined;
    keys.touch(stored, at).catch((error: unknown) => {
      logger.warn({ err: error, keyPrefix: stored._id }, 'lastUsedAt not recorded');
    });
    return {
      owner: stored.owner,
      scopes: stored.scopes,
      keyPrefix: stored._id,
      expiresAt: stored.expiresAt?.toISOString() ?? null,
    };
  };
  return {
    identify,
    async verify(key) {
      const identity = await identify(key);
      return identity && { owner: identity.owner, keyPrefix: identity.keyPrefix, scopes: identity.scopes };
    },
  };
}

/**
 * Introspection answered by another checker (the test keys of a test's feature-store), so that
 * services the test starts accept the same keys. Expiry is not known there: `expiresAt` is null.
 */
export function introspectingVerifier(verifier: KeyVerifier): LocalKeyVerifier {
  return {
    verify: (key) => verifier.verify(key),
    async identify(key) {
      const caller = await verifier.verify(key);
      return (
        caller && { owner: caller.owner, scopes: [...caller.scopes], keyPrefix: caller.keyPrefix, expiresAt: null }
      );
    },
  };
}
