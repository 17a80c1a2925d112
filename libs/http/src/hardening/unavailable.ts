import type { AppError } from '../errors/app-error.js';
import { defineError } from '../errors/app-error.js';

const serviceUnavailable = defineError('HTTP_SERVICE_UNAVAILABLE', 503, 'Service temporarily unavailable');

/**
 * A dependency's "not now" (an error carrying `retryAfterSeconds`, such as the broker's
 * BrokerUnavailableError while RabbitMQ blocks publishers or does not confirm in time) as a 503
 * problem and the seconds for `Retry-After`; undefined for any other error.
 */
export function asServiceUnavailable(error: unknown): { problem: AppError; retryAfterSeconds: number } | undefined {
  if (!(error instanceof Error) || !('retryAfterSeconds' in error)) return undefined;
  const seconds = error.retryAfterSeconds;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) return undefined;
  return {
    problem: serviceUnavailable(`${error.message}; retry after ${Math.ceil(seconds)} s.`),
    retryAfterSeconds: Math.max(1, Math.ceil(seconds)),
  };
}
