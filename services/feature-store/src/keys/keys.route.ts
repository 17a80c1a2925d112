import { keyRoutes } from '@mlops/contracts';
import { authErrors, defineError, registerRoute, type HttpApp } from '@mlops/http';
import { summaryOf, type ApiKeyRepository } from './api-key.repository.js';
import { issueKey } from './key-issuer.js';
import type { LocalKeyVerifier } from './local-verifier.js';

const keyNotFound = defineError('KEYS_NOT_FOUND', 404, 'API key not found');

/**
 * The keys API: admins create (secret shown once), list (never secret or hash) and revoke keys;
 * services introspect the keys their callers present. Introspection checks the store itself, not
 * the cache the auth plugin uses, so a revoked key is refused by every service within one cache TTL.
 */
export function registerKeyRoutes(app: HttpApp, deps: { keys: ApiKeyRepository; verifier: LocalKeyVerifier }): void {
  registerRoute(app, keyRoutes.create, async (request, reply) => {
    const created = await issueKey(deps.keys, request.body);
    request.log.info({ keyPrefix: created.prefix, owner: created.owner, scopes: created.scopes }, 'API key created');
    void reply.code(201).header('cache-control', 'no-store');
    return created;
  });

  registerRoute(app, keyRoutes.list, async (request) => ({
    items: (await deps.keys.list(request.query)).map(summaryOf),
  }));

  registerRoute(app, keyRoutes.revoke, async (request) => {
    const revoked = await deps.keys.revoke(request.params.prefix, new Date());
    if (!revoked) throw keyNotFound(`no key ${request.params.prefix}`);
    request.log.info({ keyPrefix: revoked._id }, 'API key revoked');
    return summaryOf(revoked);
  });

  registerRoute(app, keyRoutes.introspect, async (request) => {
    const identity = await deps.verifier.identify(request.body.key);
    if (!identity) throw authErrors.keyRefused();
    return identity;
  });
}
