import { backOff } from 'exponential-backoff';
import { UpstreamError } from './upstream-error.js';

/**
 * How a call site retries: bounded attempts with jittered exponential backoff, all within one
 * overall deadline. Only idempotent routes are retried, and only after an `unavailable` or a
 * `timeout` (a refusal is final).
 */
export interface RetryPolicy {
  /** Attempts in all, the first included (1: no retry). */
  readonly attempts: number;
  /** Delay before the first retry; doubled each time, fully jittered. */
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  /** No retry starts after this many milliseconds from the first attempt. */
  readonly deadlineMs: number;
}

/** One attempt only: the default, so that retrying is a decision of the call site. */
export const NO_RETRY: RetryPolicy = { attempts: 1, initialDelayMs: 0, maxDelayMs: 0, deadlineMs: 0 };

/** A few quick retries, for calls inside a request that a person waits on. */
export const QUICK_RETRY: RetryPolicy = { attempts: 3, initialDelayMs: 200, maxDelayMs: 2_000, deadlineMs: 10_000 };

/** Patient retries, for background work (processing, training, model loading). */
export const PATIENT_RETRY: RetryPolicy = { attempts: 6, initialDelayMs: 500, maxDelayMs: 10_000, deadlineMs: 60_000 };

/**
 * Runs `attempt` under a policy: retried while it throws a retryable UpstreamError, `mayRetry`
 * holds, attempts remain and the deadline has not passed. Any other error is final.
 */
export async function withRetries<T>(
  policy: RetryPolicy,
  mayRetry: boolean,
  attempt: (attemptNumber: number) => Promise<T>,
): Promise<T> {
  if (!mayRetry || policy.attempts <= 1) return attempt(1);
  const startedAt = Date.now();
  const beforeDeadline = (): boolean => Date.now() - startedAt < policy.deadlineMs;
  let attemptNumber = 0;
  let lastFailure: unknown;
  let expired = false;
  return backOff(
    async () => {
      attemptNumber += 1;
      // The backoff may end past the deadline: the retry is then not started.
      if (attemptNumber > 1 && !beforeDeadline()) {
        expired = true;
        throw lastFailure;
      }
      try {
        return await attempt(attemptNumber);
      } catch (error) {
        lastFailure = error;
        throw error;
      }
    },
    {
      numOfAttempts: policy.attempts,
      startingDelay: policy.initialDelayMs,
      maxDelay: policy.maxDelayMs,
      jitter: 'full',
      retry: (error: unknown) => !expired && error instanceof UpstreamError && error.retryable && beforeDeadline(),
    },
  );
}
