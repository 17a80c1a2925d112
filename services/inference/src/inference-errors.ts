import { defineError } from '@mlops/http';

/** Errors inference answers with, as problem+json. */
export const inferenceErrors = {
  modelNotServed: defineError('INFERENCE_MODEL_NOT_FOUND', 404, 'Model not served'),
  versionNotFound: defineError('INFERENCE_VERSION_NOT_FOUND', 404, 'Model version not found'),
  modelNotLoaded: defineError('INFERENCE_MODEL_NOT_LOADED', 503, 'Model not loaded yet'),
  textTooLong: defineError('INFERENCE_TEXT_TOO_LONG', 413, 'Text too long'),
  topKTooLarge: defineError('INFERENCE_TOP_K_TOO_LARGE', 400, 'topK above the number of labels'),
  versionUnloadable: defineError('INFERENCE_VERSION_UNLOADABLE', 502, 'Model version could not be loaded'),
} as const;
