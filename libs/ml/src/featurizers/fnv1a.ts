/** FNV-1a 32-bit offset basis: the hash of the empty string. */
export const FNV1A_OFFSET_BASIS = 0x811c9dc5;

const FNV1A_PRIME = 0x01000193;

/**
 * Continues a 32-bit FNV-1a hash with the UTF-16 code units of `text[start, end)`. The hash runs
 * over UTF-16 code units, one step per unit (not over UTF-8 bytes): for ASCII text both agree
 * with the published FNV-1a test vectors; a port to another language must hash the same units.
 * Returns a signed 32-bit integer; use `>>> 0` for the unsigned value.
 */
export function fnv1aAppend(hash: number, text: string, start = 0, end = text.length): number {
  let current = hash;
  for (let i = start; i < end; i++) current = Math.imul(current ^ text.charCodeAt(i), FNV1A_PRIME);
  return current;
}

/** Continues a 32-bit FNV-1a hash with one UTF-16 code unit. */
export function fnv1aAppendCodeUnit(hash: number, codeUnit: number): number {
  return Math.imul(hash ^ codeUnit, FNV1A_PRIME);
}

/** Unsigned 32-bit FNV-1a of a string's UTF-16 code units. */
export function fnv1a(text: string): number {
  return fnv1aAppend(FNV1A_OFFSET_BASIS, text) >>> 0;
}

/** The bucket, in [0, buckets), of a hash from `fnv1aAppend`. */
export function bucketOf(hash: number, buckets: number): number {
  return (hash >>> 0) % buckets;
}

/**
 * `buckets - 1` when `buckets` is a power of two, else -1: then `hash & mask` is `bucketOf(hash,
 * buckets)` without its floating-point remainder, for hot loops.
 */
export function bucketMask(buckets: number): number {
  return (buckets & (buckets - 1)) === 0 ? buckets - 1 : -1;
}
