import type { CreateKeyBody, CreatedKey, Scope } from '@mlops/contracts';
import { summaryOf, type ApiKeyRepository } from './api-key.repository.js';
import { hashSecret, newKey } from './key-secret.js';

/** What a key is for. */
export interface KeyGrant {
  readonly owner: string;
  readonly scopes: readonly Scope[];
  readonly expiresAt?: Date | undefined;
  readonly description?: string | undefined;
}

/** Stores a key whose secret the caller chose (the bootstrap key); false when its prefix is taken. */
export async function storeKey(
  keys: ApiKeyRepository,
  prefix: string,
  secret: string,
  grant: KeyGrant,
  now: Date,
): Promise<boolean> {
  return keys.insert({
    _id: prefix,
    owner: grant.owner,
    scopes: [...grant.scopes],
    ...(grant.description === undefined ? {} : { description: grant.description }),
    hash: await hashSecret(secret),
    createdAt: now,
    expiresAt: grant.expiresAt ?? null,
    revokedAt: null,
    lastUsedAt: null,
  });
}

/** Creates a key with a random secret and answers it whole, the only time it is shown. */
export async function issueKey(keys: ApiKeyRepository, body: CreateKeyBody, now = new Date()): Promise<CreatedKey> {
  const grant: KeyGrant = {
    owner: body.owner,
    scopes: body.scopes,
    expiresAt: body.expiresAt === undefined ? undefined : new Date(body.expiresAt),
    description: body.description,
  };
  for (;;) {
    const { key, prefix, secret } = newKey();
    if (await storeKey(keys, prefix, secret, grant, now)) {
      const stored = await keys.find(prefix);
      if (stored) return { ...summaryOf(stored), key };
    }
  }
}
