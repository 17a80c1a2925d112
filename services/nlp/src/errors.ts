import { defineError } from '@mlops/http';

/** Errors of the nlp API. */
export const nlpErrors = {
  batchTooLarge: defineError('NLP_BATCH_TOO_LARGE', 413, 'Too many texts in one request'),
  textTooLong: defineError('NLP_TEXT_TOO_LONG', 413, 'Text too long'),
  requestTooLarge: defineError('NLP_REQUEST_TOO_LARGE', 413, 'Too many characters in one request'),
  unknownTagger: defineError('NLP_UNKNOWN_TAGGER', 400, 'Unknown tagger'),
  timeout: defineError('NLP_TIMEOUT', 422, 'Processing the texts took too long'),
  memoryLimit: defineError('NLP_MEMORY_LIMIT', 422, 'Processing the texts needed too much memory'),
  busy: defineError('NLP_BUSY', 503, 'Every worker is busy'),
} as const;
