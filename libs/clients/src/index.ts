/** @public The call and answer types, for callers naming them (the SDK re-exports them). */
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
export { UpstreamError } from './upstream-error.js';
export { QUICK_RETRY } from './retry-policy.js';
/** @public See above. */
export type { UpstreamErrorKind } from './upstream-error.js';
/** @public See above. */
export type { RetryPolicy } from './retry-policy.js';
/** @public Retry policies for the SDK's callers (NO_RETRY is every call's default). */
export { NO_RETRY, PATIENT_RETRY } from './retry-policy.js';
export { ByteMeter, ByteLimitExceededError } from './streams/byte-meter.js';
/** @public See above. */
export type { ByteMeterOptions } from './streams/byte-meter.js';
export { folderChecksum } from './folder-checksum.js';
