export type {
  CallInput,
  CallOptions,
  CallResult,
  ClientOptions,
  FileAnswer,
  JsonLinesAnswer,
  RouteCall,
  Upload,
  UploadFile,
} from './call-types.js';
export { createServiceClient, type ServiceClient } from './service-client.js';
export { callRoute } from './route-call.js';
export { UpstreamError, type UpstreamErrorKind } from './upstream-error.js';
export { QUICK_RETRY, type RetryPolicy } from './retry-policy.js';
/** @public Retry policies for the SDK's callers (NO_RETRY is every call's default). */
export { NO_RETRY, PATIENT_RETRY } from './retry-policy.js';
export { ByteMeter, ByteLimitExceededError, type ByteMeterOptions } from './streams/byte-meter.js';
export { folderChecksum } from './folder-checksum.js';
