/** Paths whose values never reach a log line: credentials in headers, bodies and configs. */
export const REDACTED_PATHS: readonly string[] = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers["x-api-key"]',
  'authorization',
  'password',
  'apiKey',
  'token',
  'secret',
  '*.password',
  '*.apiKey',
  '*.token',
  '*.secret',
  '*.authorization',
];

/** Removes the user:password part of connection URLs (amqp://user:pass@host) before logging them. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^/@:]+):([^/@]+)@/, '//$1:***@');
}
