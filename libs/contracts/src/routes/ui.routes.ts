import { z } from 'zod';
import { defineRoute } from '../route.js';
import { uiProxyParamsSchema, uiSessionSchema, uiSignInBodySchema } from '../ui-session.js';

const service = 'reporter';

/**
 * The dashboard's backend-for-frontend, served by the reporter. These routes authenticate with the
 * session cookie that `signIn` sets, not with a bearer key, so their scope is `public` to the
 * bearer check; the proxy forwards the cookie's key to the service, which checks its scope.
 */
export const uiRoutes = {
  signIn: defineRoute({
    service,
    method: 'POST',
    path: '/ui/session',
    tags: ['dashboard'],
    scope: 'public',
    summary: 'Sign in to the dashboard with an API key',
    description:
      'The reporter checks the key with the key owner (feature-store) and keeps it in an HttpOnly, SameSite=Strict ' +
      'cookie scoped to `/ui` (Secure behind https). 401 names why a key is refused; 503 when keys cannot be checked.',
    body: uiSignInBodySchema,
    responses: { 200: uiSessionSchema },
    errors: [400, 401, 503],
    idempotent: true,
  }),
  session: defineRoute({
    service,
    method: 'GET',
    path: '/ui/session',
    tags: ['dashboard'],
    scope: 'public',
    summary: "The signed-in key's owner and scopes",
    description: '401 without a session or when its key was revoked or expired since sign-in (the cookie is cleared).',
    responses: { 200: uiSessionSchema },
    errors: [401, 503],
  }),
  signOut: defineRoute({
    service,
    method: 'DELETE',
    path: '/ui/session',
    tags: ['dashboard'],
    scope: 'public',
    summary: 'Sign out of the dashboard (clears the session cookie)',
    responses: { 204: z.null().optional() },
    errors: [],
  }),
  proxy: defineRoute({
    service,
    method: 'GET',
    path: '/ui/api/:service/*',
    tags: ['dashboard'],
    scope: 'public',
    summary: "Forwards a dashboard call to a service's `/v1/...` route with the session's key",
    description:
      'GET, POST, PUT and DELETE alike; non-GET calls need the `x-mlops-ui: 1` header (CSRF defence). Bodies stream ' +
      'both ways and problem+json answers pass through; 401 without a session, 503 naming the service when it does not answer.',
    params: uiProxyParamsSchema,
    responses: {},
    stream: { kind: 'file', mediaType: 'application/octet-stream' },
    errors: [401, 403, 503],
  }),
};
