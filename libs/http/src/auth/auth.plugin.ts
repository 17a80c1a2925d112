import { SCOPES, type Scope } from '@mlops/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { authErrors } from './auth-errors.js';
import { holdsScope, type Caller, type KeyVerifier } from './caller.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The owner of the key the request carried; set on every route that needs a key. */
    caller?: Caller;
  }
  interface FastifyContextConfig {
    /**
     * The route checks its own credentials (the dashboard's session cookie) or serves public
     * files (the dashboard's assets), so the bearer check leaves it alone. Set only by the reporter's dashboard routes.
     */
    sessionAuthenticated?: true;
  }
}

/** How a service checks its callers. */
export interface AuthOptions {
  readonly verifier: KeyVerifier;
  /** `/metrics`, `/docs` and `/openapi.json` without a key (true when the server listens on loopback only). */
  readonly opsEndpointsOpen: boolean;
}

/** Probes an orchestrator calls without credentials. */
const OPEN_PATHS = new Set(['/healthz', '/readyz']);

function isOpsPath(url: string): boolean {
  return url === '/metrics' || url === '/openapi.json' || url === '/docs' || url.startsWith('/docs/');
}

const KNOWN_SCOPES = new Set<string>(SCOPES);

/** What a route needs: a scope, any valid key (`key`), or nothing (`open`). Throws for a route that declares none. */
function requirementOf(route: RouteOptions, opsOpen: boolean): Scope | 'key' | 'open' {
  const { url } = route;
  if (route.config?.sessionAuthenticated === true) return 'open';
  const scope = route.config?.contract?.scope;
  if (scope !== undefined) {
    if (!KNOWN_SCOPES.has(scope))
      throw new Error(`route ${route.method.toString()} ${url} declares scope "${scope}", not one a key can hold`);
    return scope as Scope;
  }
  if (OPEN_PATHS.has(url)) return 'open';
  if (isOpsPath(url)) return opsOpen ? 'open' : 'key';
  throw new Error(
    `route ${route.method.toString()} ${url} has no route descriptor, so no scope: register it with registerRoute`,
  );
}

function bearerOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const [kind, token, ...rest] = header.trim().split(/\s+/);
  return kind?.toLowerCase() === 'bearer' && token && rest.length === 0 ? token : undefined;
}

function challenge(reply: FastifyReply, error: string): void {
  void reply.header('www-authenticate', `Bearer realm="mlops", error="${error}"`);
}

async function authenticate(
  verifier: KeyVerifier,
  request: FastifyRequest,
  reply: FastifyReply,
  needed: Scope | 'key',
): Promise<void> {
  const key = bearerOf(request);
  if (key === undefined) {
    void reply.header('www-authenticate', 'Bearer realm="mlops"');
    throw authErrors.missingKey('Send `Authorization: Bearer <key>`.');
  }
  let caller: Caller | undefined;
  try {
    caller = await verifier.verify(key);
  } catch (error) {
    request.log.error({ err: error }, 'API key check failed');
    void reply.header('retry-after', '5');
    throw authErrors.unavailable('The key owner (feature-store) did not answer; retry shortly.');
  }
  if (!caller) {
    challenge(reply, 'invalid_token');
    throw authErrors.invalidKey('The key is unknown, malformed, expired or revoked.');
  }
  request.caller = caller;
  if (needed !== 'key' && !holdsScope(caller, needed)) {
    challenge(reply, 'insufficient_scope');
    throw authErrors.missingScope(
      `This route needs the scope "${needed}"; the key holds ${caller.scopes.join(', ') || 'none'}.`,
    );
  }
}

/**
 * Requires a key on every route: the scope comes from the route's descriptor (registerRoute puts
 * it in the route config), `/healthz` and `/readyz` stay open, `/metrics` and the docs are open or
 * need any valid key. A route with neither a descriptor nor a place in that list fails to register.
 * Must be installed before any route is registered.
 */
export function installAuth(app: FastifyInstance, options: AuthOptions): void {
  app.decorateRequest('caller', undefined);
  app.addHook('onRoute', (route) => {
    const needed = requirementOf(route, options.opsEndpointsOpen);
    if (needed === 'open') return;
    const existing = route.onRequest;
    const check = (request: FastifyRequest, reply: FastifyReply): Promise<void> =>
      authenticate(options.verifier, request, reply, needed);
    route.onRequest = existing === undefined ? [check] : [check, ...(Array.isArray(existing) ? existing : [existing])];
  });
}
