import { REGISTRY_ERRORS } from '@mlops/contracts';
import { defineError, defineErrors } from '@mlops/http';

/** Errors of the training jobs API. */
export const trainerErrors = {
  jobNotFound: defineError('TRAINING_JOB_NOT_FOUND', 404, 'Training job not found'),
  jobFinished: defineError('TRAINING_JOB_FINISHED', 409, 'Training job already finished'),
} as const;

/** Errors of the model registry and the runs API. */
export const registryErrors = defineErrors(REGISTRY_ERRORS);
