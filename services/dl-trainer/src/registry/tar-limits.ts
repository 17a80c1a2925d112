import { Transform, type TransformCallback } from 'node:stream';

/** How far an uncompressed tar stream may go before it is refused. */
export interface TarLimits {
  /** Uncompressed bytes of the whole archive (headers, data, padding). */
  readonly maxBytes: number;
  /** Entries of any kind: files, folders, links, pax and long-name headers. */
  readonly maxEntries: number;
  /** Data of a pax or GNU long-name header, which tar readers hold in memory whole. */
  readonly maxHeaderDataBytes: number;
}

const BLOCK = 512;
/** Header types whose data a tar reader buffers: pax (x), global pax (g), GNU long path (L) and link (K). */
const BUFFERED_TYPES = new Set(['x', 'g', 'L', 'K']);

function isZeroBlock(block: Buffer): boolean {
  for (const byte of block) if (byte !== 0) return false;
  return true;
}

/** The size field of a ustar header: octal digits; the base-256 form only exists for sizes past 8 GiB. */
function entrySize(header: Buffer): number {
  if ((header[124] ?? 0) & 0x80) return Number.POSITIVE_INFINITY;
  const text = header.toString('ascii', 124, 136).replace(/\0.*$/s, '').trim();
  if (!/^[0-7]*$/.test(text)) return Number.NaN;
  return text === '' ? 0 : parseInt(text, 8);
}

/**
 * Sits between gunzip and the tar reader and bounds what a tarball can make them do, counting
 * the bytes as they really come out of gunzip: total uncompressed bytes, number of entries of
 * every kind, and the size of pax and long-name headers (which the reader buffers whole, before
 * any entry reaches the caller). A pax header that overrides an entry's size is refused: the
 * ustar field holds up to 8 GiB, more than any folder may be. Fails the stream with the error
 * `refuse(detail)` makes; passes the bytes on unchanged otherwise.
 */
export class TarLimitsGuard extends Transform {
  private total = 0;
  private entries = 0;
  private remainingData = 0;
  private collecting: Buffer[] | undefined;
  private header = Buffer.alloc(0);

  constructor(
    private readonly limits: TarLimits,
    private readonly refuse: (detail: string) => Error,
    private readonly invalid: (detail: string) => Error,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.total += chunk.length;
    if (this.total > this.limits.maxBytes) {
      callback(this.refuse(`the archive expands past ${this.limits.maxBytes} bytes`));
      return;
    }
    try {
      this.scan(chunk);
    } catch (error) {
      callback(error as Error);
      return;
    }
    callback(null, chunk);
  }

  private scan(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length) {
      if (this.remainingData > 0) {
        const take = Math.min(this.remainingData, chunk.length - at);
        this.collecting?.push(chunk.subarray(at, at + take));
        this.remainingData -= take;
        at += take;
        if (this.remainingData === 0) this.endOfData();
        continue;
      }
      const take = Math.min(BLOCK - this.header.length, chunk.length - at);
      this.header = Buffer.concat([this.header, chunk.subarray(at, at + take)]);
      at += take;
      if (this.header.length < BLOCK) return;
      const block = this.header;
      this.header = Buffer.alloc(0);
      if (!isZeroBlock(block)) this.onHeader(block);
    }
  }

  private onHeader(block: Buffer): void {
    this.entries += 1;
    if (this.entries > this.limits.maxEntries) {
      throw this.refuse(`the archive has more than ${this.limits.maxEntries} entries`);
    }
    const size = entrySize(block);
    if (Number.isNaN(size)) throw this.invalid('a tar header with an unreadable size');
    const type = String.fromCharCode(block[156] ?? 0);
    if (BUFFERED_TYPES.has(type) && size > this.limits.maxHeaderDataBytes) {
      throw this.refuse(`a ${size}-byte extended header; at most ${this.limits.maxHeaderDataBytes}`);
    }
    if (!Number.isFinite(size)) throw this.refuse('an entry larger than 8 GiB');
    const padded = Math.ceil(size / BLOCK) * BLOCK;
    this.collecting = type === 'x' || type === 'g' ? [] : undefined;
    this.remainingData = padded;
    if (padded === 0) this.endOfData();
  }

  private endOfData(): void {
    if (!this.collecting) return;
    const pax = Buffer.concat(this.collecting).toString('utf8');
    this.collecting = undefined;
    if (/(^|\n)\d+ size=/.test(pax)) throw this.refuse('a pax header overriding an entry size');
  }
}
