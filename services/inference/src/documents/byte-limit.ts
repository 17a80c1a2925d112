import { Transform, type TransformCallback } from 'node:stream';

/** The stream carried more bytes than allowed. */
export class ByteLimitExceededError extends Error {
  override readonly name = 'ByteLimitExceededError';

  constructor(readonly maxBytes: number) {
    super(`more than ${maxBytes} bytes`);
  }
}

/**
 * A pass-through that counts the bytes and fails with ByteLimitExceededError as soon as they
 * exceed `maxBytes`, so that an upload is cut without being read whole. `exceeded` stays true
 * afterwards for whoever sees only the downstream failure.
 */
export class ByteLimit extends Transform {
  #bytes = 0;
  #exceeded = false;

  constructor(private readonly maxBytes: number) {
    super();
  }

  /** Whether the limit was crossed. */
  get exceeded(): boolean {
    return this.#exceeded;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.#bytes += chunk.length;
    if (this.#bytes > this.maxBytes) {
      this.#exceeded = true;
      callback(new ByteLimitExceededError(this.maxBytes));
      return;
    }
    callback(null, chunk);
  }
}
