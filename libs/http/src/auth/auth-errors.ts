import { defineErrors } from '../errors/app-error.js';

/** The answers of the auth plugin. */
export const authErrors = defineErrors({
  missingKey: { code: 'AUTH_MISSING_KEY', status: 401, title: 'An API key is required' },
  invalidKey: { code: 'AUTH_INVALID_KEY', status: 401, title: 'The API key is not valid' },
  missingScope: { code: 'AUTH_MISSING_SCOPE', status: 403, title: 'The API key lacks the scope this route needs' },
  /** Introspection's answer about the key it was asked about (not about the asking service's own key). */
  keyRefused: { code: 'KEYS_KEY_REFUSED', status: 401, title: 'The key is unknown, malformed, expired or revoked' },
  unavailable: { code: 'AUTH_UNAVAILABLE', status: 503, title: 'API keys cannot be checked right now' },
});
