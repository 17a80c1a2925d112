/** A single byte range of a file: `start` and `end` inclusive, as in `Content-Range`. */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

/**
 * What a `Range` header asks of a file of `size` bytes:
 * - `none`: send the whole file (no header, another unit, several ranges, or a malformed value —
 *   a server may ignore a Range it does not support);
 * - `range`: send these bytes (206);
 * - `unsatisfiable`: no byte of the file is in the range (416).
 */
export type RangeRequest =
  | { readonly kind: 'none' }
  | { readonly kind: 'range'; readonly range: ByteRange }
  | { readonly kind: 'unsatisfiable' };

const SINGLE_RANGE = /^bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i;

/** Parses a `Range` header (RFC 9110 §14.1.2) for a file of `size` bytes; only single byte ranges are honoured. */
export function parseRange(header: string | undefined, size: number): RangeRequest {
  if (header === undefined) return { kind: 'none' };
  const match = SINGLE_RANGE.exec(header.trim());
  if (!match) return { kind: 'none' };
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return { kind: 'none' };
  if (first === '') {
    // A suffix: the last N bytes.
    const suffix = Number(last);
    if (!Number.isSafeInteger(suffix)) return { kind: 'none' };
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'range', range: { start: Math.max(0, size - suffix), end: size - 1 } };
  }
  const start = Number(first);
  const end = last === '' ? Number.MAX_SAFE_INTEGER : Number(last);
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || end < start) return { kind: 'none' };
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'range', range: { start, end: Math.min(end, size - 1) } };
}

/** The `Content-Range` value of a range of a file of `size` bytes, or of an unsatisfiable request. */
export function contentRange(range: ByteRange | undefined, size: number): string {
  return range ? `bytes ${range.start}-${range.end}/${size}` : `bytes */${size}`;
}

/** The strong entity tag of a file: its sha256, quoted. */
export function entityTag(sha256: string): string {
  return `"${sha256}"`;
}

/** Whether `If-None-Match` names the entity tag (weak comparison, as RFC 9110 asks for this header) or is `*`. */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const opaque = (tag: string): string => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
}

/**
 * Whether a `Range` may be honoured given `If-Range`: absent, or the same strong entity tag
 * (a date, or another tag, means the client's copy is stale: send the whole file).
 */
export function rangeAllowed(ifRange: string | undefined, etag: string): boolean {
  return ifRange === undefined || ifRange.trim() === etag;
}
