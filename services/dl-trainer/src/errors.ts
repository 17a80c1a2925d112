import { defineError } from '@mlops/http';

/** Errors of the dl-trainer API. */
export const trainerErrors = {
  jobNotFound: defineError('TRAINING_JOB_NOT_FOUND', 404, 'Training job not found'),
  badCursor: defineError('TRAINING_BAD_CURSOR', 400, 'Invalid pagination cursor'),
} as const;
