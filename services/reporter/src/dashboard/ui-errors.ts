import { defineErrors } from '@mlops/http';

/** The answers of the dashboard's sign-in and proxy, as problem+json. */
export const uiErrors = defineErrors({
  notSignedIn: { code: 'UI_NOT_SIGNED_IN', status: 401, title: 'Sign in to the dashboard first' },
  keyRefused: { code: 'UI_KEY_REFUSED', status: 401, title: 'The API key was refused' },
  keysUnavailable: { code: 'UI_KEYS_UNAVAILABLE', status: 503, title: 'API keys cannot be checked right now' },
  missingUiHeader: {
    code: 'UI_HEADER_REQUIRED',
    status: 403,
    title: 'Dashboard calls that change data need the x-mlops-ui header',
  },
  notProxied: { code: 'UI_NOT_PROXIED', status: 404, title: 'Not reachable through the dashboard' },
  serviceUnavailable: { code: 'UI_SERVICE_UNAVAILABLE', status: 503, title: 'A service of the suite does not answer' },
});
