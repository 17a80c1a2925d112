import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

/** Passes bytes through while hashing and counting them; fails once more than `maxBytes` went through. */
export class HashingCounter extends Transform {
  private readonly hash = createHash('sha256');
  bytes = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly tooLarge: () => Error,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) {
      callback(this.tooLarge());
      return;
    }
    this.hash.update(chunk);
    callback(null, chunk);
  }

  /** The sha256 of everything that passed, in hex; call once, after the stream ended. */
  digest(): string {
    return this.hash.digest('hex');
  }
}

/** Passes bytes through and fails at the end when they do not have the expected size and sha256. */
export class ChecksumVerifier extends Transform {
  private readonly hash = createHash('sha256');
  private bytes = 0;

  constructor(
    private readonly expected: { readonly size: number; readonly sha256: string },
    private readonly mismatch: (actual: { size: number; sha256: string }) => Error,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    this.hash.update(chunk);
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    const actual = { size: this.bytes, sha256: this.hash.digest('hex') };
    callback(
      actual.size === this.expected.size && actual.sha256 === this.expected.sha256 ? null : this.mismatch(actual),
    );
  }
}
