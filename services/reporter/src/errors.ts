import { defineError } from '@mlops/http';

/** Errors the reporter answers with, as problem+json. */
export const reporterErrors = {
  versionNotFound: defineError('REPORTER_VERSION_NOT_FOUND', 404, 'Model version not found in the registry'),
  reportNotFound: defineError('REPORTER_REPORT_NOT_FOUND', 404, 'No report was asked for this version'),
  reportNotReady: defineError('REPORTER_REPORT_NOT_READY', 409, 'The report is not ready'),
  runNotFinished: defineError('REPORTER_RUN_NOT_FINISHED', 409, 'The training run has not finished'),
  rangeNotSatisfiable: defineError('REPORTER_RANGE_NOT_SATISFIABLE', 416, 'Range not satisfiable'),
  notComparable: defineError('REPORTER_NOT_COMPARABLE', 422, 'The two versions cannot be compared'),
  busy: defineError('REPORTER_BUSY', 503, 'Too many comparison reports are being rendered'),
  jobNotFound: defineError('REPORTER_JOB_NOT_FOUND', 404, 'Training job not found'),
  liveFull: defineError('REPORTER_LIVE_FULL', 503, 'Too many live streams on this replica'),
  upstreamUnavailable: defineError('REPORTER_UPSTREAM_UNAVAILABLE', 502, 'A service the reporter reads is unavailable'),
} as const;
