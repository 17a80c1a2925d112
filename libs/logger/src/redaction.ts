/** Paths whose values never reach a log line: credentials in headers, bodies and configs, and document text. */
export const REDACTED_PATHS: readonly string[] = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'req.headers["proxy-authorization"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers["x-api-key"]',
  'headers.cookie',
  'authorization',
  'password',
  'apiKey',
  'key',
  'token',
  'secret',
  'text',
  'body',
  'req.body',
  'content',
  '*.password',
  '*.apiKey',
  '*.key',
  '*.token',
  '*.secret',
  '*.authorization',
  '*.text',
  '*.body',
  '*.content',
];

/** Characters that end a URL part inside free text or a JSON line: whitespace, quotes, escapes, brackets. */
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)([^/?#@\s"'\\<>]*)@/gi;
const SECRET_QUERY =
  /([?&;](?:[^=&#\s"'\\<>]*(?:pass|pwd|token|secret|key|auth|credential)[^=&#\s"'\\<>]*)=)[^&#\s"'\\<>]*/gi;
const API_KEY = /\bmlk_[A-Za-z0-9_-]+/g;
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;

/**
 * Removes credentials from connection URLs before logging them: the password of
 * `amqp://user:pass@host` becomes `***`, a lone user name (`mongodb://user@host`, which may
 * itself be a credential) is masked, and secret-looking query parameters lose their values.
 */
export function redactUrl(url: string): string {
  return url
    .replace(URL_USERINFO, (_match, scheme: string, userInfo: string) => {
      const colon = userInfo.indexOf(':');
      return colon >= 0 ? `${scheme}${userInfo.slice(0, colon)}:***@` : `${scheme}***@`;
    })
    .replace(SECRET_QUERY, '$1***');
}

/**
 * What every pattern above needs somewhere in a string: a scheme separator, a query separator, a key
 * prefix or an auth scheme. Most log strings (methods, paths, ids, messages) have none and are
 * returned after this one scan instead of four.
 */
const MAY_HOLD_SECRET = /:\/\/|[?&;]|mlk_|bearer|basic/i;

/** Scrubs one free-text string: credentials in URLs, API keys (`mlk_...`) and bearer/basic credentials. */
export function scrubSecrets(value: string): string {
  if (!MAY_HOLD_SECRET.test(value)) return value;
  return redactUrl(value).replace(BEARER, '$1 [redacted]').replace(API_KEY, 'mlk_[redacted]');
}

const MAX_DEPTH = 6;

/** Scrubs every string of a log object (depth-bounded); objects that carry nothing to scrub are returned as they are. */
export function scrubDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubSecrets(value);
  if (depth >= MAX_DEPTH || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => scrubDeep(item, depth + 1));
  if (value instanceof Error) return scrubError(value, depth);
  if (!isPlain(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = scrubDeep(item, depth + 1);
  return out;
}

function isPlain(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function scrubError(error: Error, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = { type: error.constructor.name, message: scrubSecrets(error.message) };
  if (error.stack) out.stack = scrubSecrets(error.stack);
  for (const [key, item] of Object.entries(error)) out[key] = scrubDeep(item, depth + 1);
  if (error.cause !== undefined) out.cause = scrubDeep(error.cause, depth + 1);
  return out;
}
