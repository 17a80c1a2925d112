import {
  apiKeySummarySchema,
  createdKeySchema,
  createKeyBodySchema,
  introspectBodySchema,
  keyIdentitySchema,
  keyListQuerySchema,
  keyListSchema,
  keyParamsSchema,
} from '../keys.js';
import { defineRoute } from '../route.js';

const service = 'feature-store';

/** The API keys, kept by feature-store (ADR 0003): created, listed and revoked by admins, introspected by services. */
export const keyRoutes = {
  create: defineRoute({
    service,
    method: 'POST',
    path: '/v1/keys',
    tags: ['keys'],
    scope: 'admin',
    summary: 'Create an API key (its secret is shown once, in this answer)',
    description:
      'Stores only a scrypt hash of the secret. The answer holds the whole key (`mlk_<prefix>_<secret>`) once; ' +
      'afterwards the key is named by its public `prefix`.',
    body: createKeyBodySchema,
    responses: { 201: createdKeySchema },
    errors: [400],
  }),
  list: defineRoute({
    service,
    method: 'GET',
    path: '/v1/keys',
    tags: ['keys'],
    scope: 'admin',
    summary: 'List API keys (never their secret or hash)',
    query: keyListQuerySchema,
    responses: { 200: keyListSchema },
    errors: [400],
  }),
  revoke: defineRoute({
    service,
    method: 'DELETE',
    path: '/v1/keys/:prefix',
    tags: ['keys'],
    scope: 'admin',
    summary: 'Revoke an API key',
    description:
      'Every service refuses the key within seconds (their caches of verified keys live at most 5 s). ' +
      'Revoking a revoked key changes nothing.',
    params: keyParamsSchema,
    responses: { 200: apiKeySummarySchema },
    errors: [400, 404],
  }),
  introspect: defineRoute({
    service,
    method: 'POST',
    path: '/v1/keys/introspect',
    tags: ['keys'],
    scope: 'introspect',
    summary: 'Who holds a key (for services verifying their callers)',
    description:
      'Answers the owner, scopes, prefix and expiry of a valid key; 401 when the key is unknown, malformed, ' +
      'expired or revoked. The caller authenticates with its own key, which must hold `introspect`.',
    body: introspectBodySchema,
    responses: { 200: keyIdentitySchema },
    errors: [400, 401],
    idempotent: true,
  }),
};
