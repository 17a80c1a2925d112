import { parseApiKey, type Scope } from '@mlops/contracts';
import type { Logger } from '@mlops/logger';
import type { ApiKeyRepository } from './api-key.repository.js';
import { storeKey } from './key-issuer.js';

/**
 * The scopes each service's own key holds: what it calls the others for, and `introspect` to
 * check its own callers' keys here (wiki/Security.md, "Keys and scopes").
 */
export const SERVICE_KEY_SCOPES: Readonly<Record<string, readonly Scope[]>> = {
  'feature-store': ['ingest'],
  'document-recognition': ['introspect'],
  nlp: ['introspect'],
  'dl-trainer': ['read', 'train', 'promote', 'introspect'],
  reporter: ['read', 'train', 'introspect'],
  inference: ['read', 'ingest', 'promote', 'introspect'],
};

/** One `<service>=<key>` pair of `MLOPS_BOOTSTRAP_SERVICE_KEYS`. */
interface ServiceKey {
  readonly service: string;
  readonly key: string;
}

/**
 * Reads `MLOPS_BOOTSTRAP_SERVICE_KEYS` (`<service>=<key>,...`): each service must be one of
 * SERVICE_KEY_SCOPES and each key an API key. Throws naming the variable and the entry.
 */
export function parseServiceKeys(value: string | undefined): readonly ServiceKey[] {
  if (value === undefined || value.trim() === '') return [];
  return value.split(',').map((entry) => {
    const [service = '', key = ''] = entry.trim().split('=', 2);
    if (!(service in SERVICE_KEY_SCOPES))
      throw new Error(
        `MLOPS_BOOTSTRAP_SERVICE_KEYS: "${service}" is not a service (${Object.keys(SERVICE_KEY_SCOPES).join(', ')})`,
      );
    if (!parseApiKey(key))
      throw new Error(`MLOPS_BOOTSTRAP_SERVICE_KEYS: the key of ${service} is not mlk_<prefix>_<secret>`);
    return { service, key };
  });
}

/**
 * Stores the services' own keys given at deployment (compose, Helm), hashed, each with its
 * service's scopes, unless its prefix is already known (a revoked key is not brought back).
 * Lets a stack start with every service holding a key without a person calling the admin API
 * first. Logs only prefixes.
 */
export async function bootstrapServiceKeys(
  keys: ApiKeyRepository,
  serviceKeys: readonly ServiceKey[],
  logger: Logger,
): Promise<void> {
  const now = new Date();
  for (const { service, key } of serviceKeys) {
    const parsed = parseApiKey(key);
    if (!parsed) continue;
    const grant = {
      owner: service,
      scopes: SERVICE_KEY_SCOPES[service] ?? [],
      description: 'MLOPS_BOOTSTRAP_SERVICE_KEYS',
    };
    if (await storeKey(keys, parsed.prefix, parsed.secret, grant, now))
      logger.info({ keyPrefix: parsed.prefix, owner: service }, 'service key stored');
  }
}
