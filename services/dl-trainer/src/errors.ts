import { REGISTRY_ERROR_CODES as codes } from '@mlops/contracts';
import { defineError } from '@mlops/http';

/** Errors of the training jobs API. */
export const trainerErrors = {
  jobNotFound: defineError('TRAINING_JOB_NOT_FOUND', 404, 'Training job not found'),
  jobFinished: defineError('TRAINING_JOB_FINISHED', 409, 'Training job already finished'),
} as const;

/** Errors of the model registry and the runs API. */
export const registryErrors = {
  modelNotFound: defineError(codes.modelNotFound, 404, 'Model not found'),
  versionNotFound: defineError(codes.versionNotFound, 404, 'Model version not found'),
  fileNotFound: defineError(codes.fileNotFound, 404, 'File not found in the model version'),
  aliasNotFound: defineError(codes.aliasNotFound, 404, 'Alias not found'),
  runNotFound: defineError(codes.runNotFound, 404, 'Training run not found'),
  runConflict: defineError(codes.runConflict, 409, 'Training run belongs to another job or model'),
  artifactCorrupted: defineError(codes.artifactCorrupted, 500, 'Stored artifact failed its checksum'),
  tarballInvalid: defineError(codes.tarballInvalid, 400, 'Not a valid .tar.gz folder'),
  unsafePath: defineError(codes.unsafePath, 400, 'Unsafe or invalid file path in the folder'),
  duplicatePath: defineError(codes.duplicatePath, 400, 'The same path appears twice in the folder'),
  emptyFolder: defineError(codes.emptyFolder, 400, 'The folder holds no file'),
  manifestMissing: defineError(codes.manifestMissing, 422, 'manifest.json missing from the folder'),
  manifestInvalid: defineError(codes.manifestInvalid, 422, 'manifest.json is invalid'),
  importTooLarge: defineError(codes.importTooLarge, 413, 'Folder or upload too large'),
  importMediaType: defineError(codes.importMediaType, 415, 'Upload a .tar.gz as multipart or application/gzip'),
  versionInvalid: defineError(codes.versionInvalid, 400, 'Invalid model version input'),
  runInvalid: defineError(codes.runInvalid, 400, 'Invalid training run input'),
} as const;
