/** Thrown by a handler when retrying cannot help (bad reference, forbidden state): the message goes straight to the DLQ. */
export class PermanentMessageError extends Error {
  override readonly name = 'PermanentMessageError';
}

/**
 * Thrown by publish when the broker cannot take the message now: unreachable longer than the
 * publish timeout, blocking publishers (resource alarm), or not confirming within the deadline.
 * `retryAfterSeconds` is what an HTTP route answers in `Retry-After` with its 503.
 */
export class BrokerUnavailableError extends Error {
  override readonly name = 'BrokerUnavailableError';

  constructor(
    message: string,
    readonly retryAfterSeconds = 5,
  ) {
    super(message);
  }
}
