import { defineError } from '@mlops/http';

/** Errors of the studies API (`invalid` shares the HTTP layer's validation code, so clients see one 400 kind). */
export const studyErrors = {
  invalid: defineError('HTTP_VALIDATION_FAILED', 400, 'Request validation failed'),
  notFound: defineError('STUDY_NOT_FOUND', 404, 'Study not found'),
  finished: defineError('STUDY_FINISHED', 409, 'Study already finished'),
} as const;
