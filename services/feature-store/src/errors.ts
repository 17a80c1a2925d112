import { defineError } from '@mlops/http';

/** Errors of the feature-store API. */
export const featureStoreErrors = {
  documentNotFound: defineError('DOCUMENT_NOT_FOUND', 404, 'Document not found'),
  noFiles: defineError('DOCUMENT_NO_FILES', 400, 'No file in the upload'),
  fieldAfterFile: defineError('DOCUMENT_FIELD_AFTER_FILE', 400, 'A field after a file in the upload'),
  fileTooLarge: defineError('DOCUMENT_FILE_TOO_LARGE', 413, 'File too large'),
  tooManyFiles: defineError('DOCUMENT_TOO_MANY_FILES', 413, 'Too many files in one upload'),
  emptyFile: defineError('DOCUMENT_EMPTY_FILE', 422, 'Empty file'),
  importFormat: defineError('IMPORT_UNKNOWN_FORMAT', 415, 'Unknown import format'),
  datasetExists: defineError('DATASET_EXISTS', 409, 'Dataset already exists'),
  datasetNotFound: defineError('DATASET_NOT_FOUND', 404, 'Dataset not found'),
  datasetVersionNotFound: defineError('DATASET_VERSION_NOT_FOUND', 404, 'Dataset version not found'),
  datasetEmpty: defineError('DATASET_EMPTY', 422, 'No records left to freeze'),
} as const;
