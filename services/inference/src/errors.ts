import { defineError } from '@mlops/http';

/** Errors inference answers with, as problem+json. */
export const inferenceErrors = {
  modelNotServed: defineError('INFERENCE_MODEL_NOT_FOUND', 404, 'Model not served'),
  versionNotFound: defineError('INFERENCE_VERSION_NOT_FOUND', 404, 'Model version not found'),
  modelNotLoaded: defineError('INFERENCE_MODEL_NOT_LOADED', 503, 'Model not loaded yet'),
  textTooLong: defineError('INFERENCE_TEXT_TOO_LONG', 413, 'Text too long'),
  topKTooLarge: defineError('INFERENCE_TOP_K_TOO_LARGE', 400, 'topK above the number of labels'),
  versionUnloadable: defineError('INFERENCE_VERSION_UNLOADABLE', 502, 'Model version could not be loaded'),
  documentMissing: defineError('INFERENCE_DOCUMENT_MISSING', 400, 'No file in the request'),
  documentBadUpload: defineError('INFERENCE_DOCUMENT_BAD_UPLOAD', 400, 'Malformed upload'),
  documentTooLarge: defineError('INFERENCE_DOCUMENT_TOO_LARGE', 413, 'File too large'),
  documentUnsupported: defineError('INFERENCE_DOCUMENT_UNSUPPORTED', 415, 'Unsupported file type'),
  documentUnreadable: defineError('INFERENCE_DOCUMENT_UNREADABLE', 422, 'The file could not be read'),
  documentWithoutText: defineError('INFERENCE_DOCUMENT_NO_TEXT', 422, 'No text in the file'),
  recognitionUnavailable: defineError('INFERENCE_RECOGNITION_UNAVAILABLE', 502, 'document-recognition unavailable'),
  recognitionTimeout: defineError('INFERENCE_RECOGNITION_TIMEOUT', 504, 'document-recognition took too long'),
  predictionNotLogged: defineError('INFERENCE_PREDICTION_NOT_LOGGED', 404, 'Prediction not in the log'),
  feedbackLabelUnknown: defineError('INFERENCE_FEEDBACK_LABEL_UNKNOWN', 400, "Label not among the version's labels"),
  rolloutNotFound: defineError('INFERENCE_ROLLOUT_NOT_FOUND', 404, 'No rollout for the model'),
  rolloutConflict: defineError('INFERENCE_ROLLOUT_CONFLICT', 409, 'The rollout cannot do that now'),
  registryUnavailable: defineError('INFERENCE_REGISTRY_UNAVAILABLE', 502, 'The model registry could not be reached'),
} as const;
