import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

/** The stream carried more bytes than allowed. */
export class ByteLimitExceededError extends Error {
  override readonly name = 'ByteLimitExceededError';

  constructor(readonly maxBytes: number) {
    super(`more than ${maxBytes} bytes`);
  }
}

/** What a meter checks and keeps while bytes pass through it. */
export interface ByteMeterOptions {
  /** Fail as soon as more bytes than this went through. */
  readonly maxBytes?: number;
  /** The error to fail with past `maxBytes` (default ByteLimitExceededError). */
  readonly tooLarge?: (maxBytes: number) => Error;
  /** Compute the sha256 of the bytes (`digest()`). */
  readonly hash?: boolean;
  /** Keep the first bytes (`head()`), for type sniffing. */
  readonly keepHead?: number;
  /** Fail at the end unless the bytes have exactly this size and sha256. */
  readonly expect?: { readonly size: number; readonly sha256: string };
  /** The error for bytes that do not match `expect`. */
  readonly mismatch?: (actual: { size: number; sha256: string }) => Error;
}

/**
 * A pass-through that counts bytes and, as asked, cuts the stream past a size limit, hashes it,
 * keeps its first bytes, or checks it against an expected size and sha256 at its end. One stream
 * for uploads cut at a limit, stored files hashed on the way in, and stored files verified on
 * the way out.
 */
export class ByteMeter extends Transform {
  readonly #options: ByteMeterOptions;
  readonly #hash: Hash | undefined;
  readonly #headChunks: Buffer[] = [];
  #headLength = 0;
  #bytes = 0;
  #exceeded = false;
  #digest: string | undefined;

  constructor(options: ByteMeterOptions) {
    super();
    this.#options = options;
    this.#hash = options.hash || options.expect ? createHash('sha256') : undefined;
  }

  /** Bytes that went through so far. */
  get bytes(): number {
    return this.#bytes;
  }

  /** Whether the size limit was crossed (stays true for whoever sees only a downstream failure). */
  get exceeded(): boolean {
    return this.#exceeded;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.#bytes += chunk.length;
    const { maxBytes, keepHead } = this.#options;
    if (maxBytes !== undefined && this.#bytes > maxBytes) {
      this.#exceeded = true;
      callback(this.#options.tooLarge?.(maxBytes) ?? new ByteLimitExceededError(maxBytes));
      return;
    }
    this.#hash?.update(chunk);
    if (keepHead !== undefined && this.#headLength < keepHead) {
      const part = chunk.subarray(0, keepHead - this.#headLength);
      this.#headChunks.push(part);
      this.#headLength += part.length;
    }
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    const { expect, mismatch } = this.#options;
    if (!expect || !this.#hash) {
      callback();
      return;
    }
    const actual = { size: this.#bytes, sha256: this.digest() };
    const matches = actual.size === expect.size && actual.sha256 === expect.sha256;
    callback(
      matches
        ? null
        : (mismatch?.(actual) ??
            new Error(
              `expected ${expect.size} bytes with sha256 ${expect.sha256}, got ${actual.size} / ${actual.sha256}`,
            )),
    );
  }

  /** The sha256 of everything that passed, in hex; call after the stream ended (needs `hash` or `expect`). */
  digest(): string {
    if (!this.#hash) throw new Error('this meter does not hash');
    this.#digest ??= this.#hash.digest('hex');
    return this.#digest;
  }

  /** The first bytes kept (needs `keepHead`). */
  head(): Buffer {
    return Buffer.concat(this.#headChunks);
  }
}
