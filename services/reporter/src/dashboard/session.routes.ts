import { uiRoutes, uiSignInBodySchema, type UiSession } from '@mlops/contracts';
import { parseOrThrow, type Caller, type HttpApp, type KeyVerifier } from '@mlops/http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { clearSessionKey, sessionKeyOf, setSessionKey } from './session-cookie.js';
import { uiErrors } from './ui-errors.js';

/** What the session routes need: the key checker (feature-store's introspection) and whether cookies are Secure. */
export interface SessionDeps {
  readonly verifier: KeyVerifier;
  readonly secureCookie: boolean;
}

const REFUSED = 'The key is unknown, expired or revoked: ask its owner for a valid key.';

function sessionOf(caller: Caller): UiSession {
  return { owner: caller.owner, keyPrefix: caller.keyPrefix, scopes: [...caller.scopes] };
}

async function verify(verifier: KeyVerifier, request: FastifyRequest, key: string): Promise<Caller | undefined> {
  try {
    return await verifier.verify(key);
  } catch (error) {
    request.log.error({ err: error }, 'dashboard sign-in: API key check failed');
    throw uiErrors.keysUnavailable('The key owner (feature-store) did not answer; retry shortly.');
  }
}

/** The caller a request's session stands for; throws 401 (and clears the cookie) when there is none or its key was refused since. */
export async function sessionCaller(deps: SessionDeps, request: FastifyRequest, reply: FastifyReply): Promise<Caller> {
  const key = sessionKeyOf(request);
  if (key === undefined) throw uiErrors.notSignedIn('No dashboard session: sign in with an API key.');
  const caller = await verify(deps.verifier, request, key);
  if (!caller) {
    clearSessionKey(reply, deps.secureCookie);
    throw uiErrors.keyRefused(`${REFUSED} Signed out.`);
  }
  return caller;
}

/**
 * `POST /ui/session` (sign in: the key checked, then kept in the HttpOnly cookie), `GET /ui/session`
 * (owner and scopes, so pages offer only what the key allows) and `DELETE /ui/session` (sign out).
 * They authenticate by the cookie, not by a bearer key, and stay out of the OpenAPI document of the `/v1` API.
 */
export function registerSessionRoutes(app: HttpApp, deps: SessionDeps): void {
  const config = { sessionAuthenticated: true } as const;
  app.route({
    method: 'POST',
    url: uiRoutes.signIn.path,
    config,
    schema: { hide: true },
    handler: async (request, reply) => {
      const { key } = parseOrThrow(uiSignInBodySchema, request.body, '/body');
      const caller = await verify(deps.verifier, request, key);
      if (!caller) throw uiErrors.keyRefused(REFUSED);
      setSessionKey(reply, key, deps.secureCookie);
      return sessionOf(caller);
    },
  });
  app.route({
    method: 'GET',
    url: uiRoutes.session.path,
    config,
    schema: { hide: true },
    handler: async (request, reply) => sessionOf(await sessionCaller(deps, request, reply)),
  });
  app.route({
    method: 'DELETE',
    url: uiRoutes.signOut.path,
    config,
    schema: { hide: true },
    handler: async (_request, reply) => {
      clearSessionKey(reply, deps.secureCookie);
      return reply.status(204).send();
    },
  });
}
