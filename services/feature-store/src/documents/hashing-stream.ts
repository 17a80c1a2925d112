import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { SNIFF_BYTES } from './type-sniffer.js';

/** Passes bytes through unchanged while computing their sha256, counting them and keeping the first SNIFF_BYTES. */
export class HashingStream extends Transform {
  private readonly hash = createHash('sha256');
  private readonly headChunks: Buffer[] = [];
  private headLength = 0;
  bytes = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    if (this.headLength < SNIFF_BYTES) {
      const part = chunk.subarray(0, SNIFF_BYTES - this.headLength);
      this.headChunks.push(part);
      this.headLength += part.length;
    }
    callback(null, chunk);
  }

  /** The sha256 of everything that passed, in hex; call after the stream ended. */
  digest(): string {
    return this.hash.digest('hex');
  }

  /** The first bytes, for type sniffing. */
  head(): Buffer {
    return Buffer.concat(this.headChunks);
  }
}
