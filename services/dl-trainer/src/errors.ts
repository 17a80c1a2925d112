import { defineError } from '@mlops/http';

/** Errors of the dl-trainer API. */
export const trainerErrors = {
  jobNotFound: defineError('TRAINING_JOB_NOT_FOUND', 404, 'Training job not found'),
  jobFinished: defineError('TRAINING_JOB_FINISHED', 409, 'Training job already finished'),
} as const;
