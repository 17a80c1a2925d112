import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** The cookie holding the signed-in API key: read by the reporter only, never by page scripts. */
const COOKIE = 'mlops_ui_key';

/** How long a sign-in lasts before the key must be given again. */
const MAX_AGE_S = 12 * 60 * 60;

/** HttpOnly (no script reads it), SameSite=Strict (no other site sends it), only under `/ui`, Secure behind https. */
function cookieOptions(secure: boolean): CookieSerializeOptions {
  return { httpOnly: true, sameSite: 'strict', path: '/ui', secure, maxAge: MAX_AGE_S };
}

/** The key of the request's session, if it has one. */
export function sessionKeyOf(request: FastifyRequest): string | undefined {
  const value = request.cookies[COOKIE];
  return value === undefined || value === '' ? undefined : value;
}

/** Starts a session holding `key`. */
export function setSessionKey(reply: FastifyReply, key: string, secure: boolean): void {
  void reply.setCookie(COOKIE, key, cookieOptions(secure));
}

/** Ends the session. */
export function clearSessionKey(reply: FastifyReply, secure: boolean): void {
  void reply.clearCookie(COOKIE, { ...cookieOptions(secure), maxAge: 0 });
}
