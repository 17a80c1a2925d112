/** Thrown by a handler when retrying cannot help (bad reference, forbidden state): the message goes straight to the DLQ. */
export class PermanentMessageError extends Error {
  override readonly name = 'PermanentMessageError';
}

/** Thrown by publish when the broker stays unreachable longer than the publish timeout. */
export class BrokerUnavailableError extends Error {
  override readonly name = 'BrokerUnavailableError';
}
