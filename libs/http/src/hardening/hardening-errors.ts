import { defineErrors } from '../errors/app-error.js';

/** Errors the hardening layer answers with, as problem+json. */
export const hardeningErrors = defineErrors({
  rateLimited: { code: 'HTTP_RATE_LIMITED', status: 429, title: 'Too many requests' },
  misdirected: { code: 'HTTP_MISDIRECTED_REQUEST', status: 421, title: 'Host not served here' },
  contentEncoding: {
    code: 'HTTP_UNSUPPORTED_CONTENT_ENCODING',
    status: 415,
    title: 'Unsupported content encoding',
  },
});
