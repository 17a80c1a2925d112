import { defineError } from './app-error.js';

/** Errors the HTTP layer itself raises, shared by every service. */
export const httpErrors = {
  validationFailed: defineError('HTTP_VALIDATION_FAILED', 400, 'Request validation failed'),
  malformedBody: defineError('HTTP_MALFORMED_BODY', 400, 'Malformed request body'),
  badCursor: defineError('HTTP_BAD_CURSOR', 400, 'Invalid pagination cursor'),
  notFound: defineError('HTTP_NOT_FOUND', 404, 'Not found'),
  payloadTooLarge: defineError('HTTP_PAYLOAD_TOO_LARGE', 413, 'Payload too large'),
  unsupportedMediaType: defineError('HTTP_UNSUPPORTED_MEDIA_TYPE', 415, 'Unsupported media type'),
  clientError: defineError('HTTP_CLIENT_ERROR', 400, 'Bad request'),
  internal: defineError('HTTP_INTERNAL', 500, 'Internal server error'),
} as const;
