import { parseApiKey } from '@mlops/contracts';
import type { Logger } from '@mlops/logger';
import type { ApiKeyRepository } from './api-key.repository.js';
import { storeKey } from './key-issuer.js';

/**
 * The first admin key of a fresh install: when no usable admin key exists, stores the given key
 * (`MLOPS_BOOTSTRAP_ADMIN_KEY`, hashed) for owner `bootstrap`. Logs only its prefix.
 */
export async function bootstrapAdminKey(
  keys: ApiKeyRepository,
  key: string | undefined,
  logger: Logger,
): Promise<void> {
  if (key === undefined) return;
  const parsed = parseApiKey(key);
  if (!parsed) throw new Error('MLOPS_BOOTSTRAP_ADMIN_KEY is not an API key (mlk_<prefix>_<secret>)');
  const now = new Date();
  if (await keys.hasUsableAdmin(now)) {
    logger.info('an admin key exists; MLOPS_BOOTSTRAP_ADMIN_KEY ignored');
    return;
  }
  const grant = { owner: 'bootstrap', scopes: ['admin'] as const, description: 'MLOPS_BOOTSTRAP_ADMIN_KEY' };
  if (!(await storeKey(keys, parsed.prefix, parsed.secret, grant, now))) {
    logger.warn({ keyPrefix: parsed.prefix }, 'the bootstrap key prefix exists (revoked or expired); not stored again');
    return;
  }
  logger.warn({ keyPrefix: parsed.prefix }, 'bootstrap admin key stored; create named keys and revoke it');
}
