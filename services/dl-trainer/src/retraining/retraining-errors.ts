import { defineError } from '@mlops/http';

/** Errors of the schedules API (`invalid` shares the HTTP layer's validation code, so clients see one 400 kind). */
export const retrainingErrors = {
  invalid: defineError('HTTP_VALIDATION_FAILED', 400, 'Request validation failed'),
  notFound: defineError('SCHEDULE_NOT_FOUND', 404, 'Schedule not found'),
} as const;
