import { defineError } from '@mlops/http';

/** Errors of the model registry and the runs API. */
export const registryErrors = {
  modelNotFound: defineError('REGISTRY_MODEL_NOT_FOUND', 404, 'Model not found'),
  versionNotFound: defineError('REGISTRY_VERSION_NOT_FOUND', 404, 'Model version not found'),
  fileNotFound: defineError('REGISTRY_FILE_NOT_FOUND', 404, 'File not found in the model version'),
  aliasNotFound: defineError('REGISTRY_ALIAS_NOT_FOUND', 404, 'Alias not found'),
  runNotFound: defineError('REGISTRY_RUN_NOT_FOUND', 404, 'Training run not found'),
  runConflict: defineError('REGISTRY_RUN_CONFLICT', 409, 'Training run belongs to another job or model'),
  artifactCorrupted: defineError('REGISTRY_ARTIFACT_CORRUPTED', 500, 'Stored artifact failed its checksum'),
  tarballInvalid: defineError('REGISTRY_TARBALL_INVALID', 400, 'Not a valid .tar.gz folder'),
  unsafePath: defineError('REGISTRY_UNSAFE_PATH', 400, 'Unsafe or invalid file path in the folder'),
  duplicatePath: defineError('REGISTRY_DUPLICATE_PATH', 400, 'The same path appears twice in the folder'),
  emptyFolder: defineError('REGISTRY_EMPTY_FOLDER', 400, 'The folder holds no file'),
  manifestMissing: defineError('REGISTRY_MANIFEST_MISSING', 422, 'manifest.json missing from the folder'),
  manifestInvalid: defineError('REGISTRY_MANIFEST_INVALID', 422, 'manifest.json is invalid'),
  importTooLarge: defineError('REGISTRY_IMPORT_TOO_LARGE', 413, 'Folder or upload too large'),
  importMediaType: defineError('REGISTRY_IMPORT_MEDIA_TYPE', 415, 'Upload a .tar.gz as multipart or application/gzip'),
  versionInvalid: defineError('REGISTRY_VERSION_INVALID', 400, 'Invalid model version input'),
} as const;
