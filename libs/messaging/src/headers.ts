/** Header carrying the 1-based attempt number of a message (incremented on each delayed retry). */
export const ATTEMPT_HEADER = 'x-mlops-attempt';
/** Header carrying why a message was dead-lettered. */
export const ERROR_HEADER = 'x-mlops-error';
/** Header carrying the request id that caused a message, for log correlation. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** Reads the attempt number from message headers; 1 when absent or malformed. */
export function attemptOf(headers: Record<string, unknown> | undefined): number {
  const value = headers?.[ATTEMPT_HEADER];
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : 1;
}
