import { FNV1A_OFFSET_BASIS, bucketMask, bucketOf, fnv1aAppendCodeUnit } from './fnv1a.js';

const LESS_THAN = 0x3c;
const GREATER_THAN = 0x3e;

const isLowSurrogate = (codeUnit: number): boolean => (codeUnit & 0xfc00) === 0xdc00;

/**
 * The character n-gram buckets of token values given as UTF-16 code units, fastText style as
 * `CharNgrams` computes them from strings: the value wrapped in `<` and `>`, every run of `minN`
 * to `maxN` code points hashed except the markers alone, by start position then length. The
 * buckets of a vocabulary word are remembered by its id (at most one array per word); those of
 * other values are computed into a scratch array each time.
 */
export class ValueBuckets {
  private marked = new Uint16Array(64);
  private found = new Int32Array(64);
  private readonly byVocabularyId: (Int32Array | undefined)[] = [];

  constructor(
    private readonly minN: number,
    private readonly maxN: number,
    private readonly buckets: number,
  ) {}

  /** The buckets of the value `chars[start, end)`, whose vocabulary id is `vocabularyId` (-1: none); read only, until the next call. */
  of(chars: Uint16Array, start: number, end: number, vocabularyId: number): Int32Array {
    if (vocabularyId >= 0) {
      const remembered = this.byVocabularyId[vocabularyId];
      if (remembered !== undefined) return remembered;
    }
    const length = this.mark(chars, start, end);
    const count = this.compute(length);
    if (vocabularyId < 0) return this.found.subarray(0, count);
    const buckets = this.found.slice(0, count);
    this.byVocabularyId[vocabularyId] = buckets;
    return buckets;
  }

  /** Writes `<`, the value and `>` into `marked`; returns the length. */
  private mark(chars: Uint16Array, start: number, end: number): number {
    const length = end - start + 2;
    if (this.marked.length < length) this.marked = new Uint16Array(length * 2);
    const marked = this.marked;
    marked[0] = LESS_THAN;
    marked.set(chars.subarray(start, end), 1);
    marked[length - 1] = GREATER_THAN;
    return length;
  }

  /** The buckets of the marked value of `length` code units into `found`; returns how many. */
  private compute(length: number): number {
    const { minN, maxN, buckets } = this;
    const mask = bucketMask(buckets);
    if (this.found.length < length * maxN) this.found = new Int32Array(length * maxN * 2);
    const { marked, found } = this;
    let count = 0;
    for (let start = 0; start < length; start++) {
      if (isLowSurrogate(marked[start] ?? 0)) continue;
      let hash = FNV1A_OFFSET_BASIS;
      let end = start;
      for (let n = 1; n <= maxN && end < length; n++) {
        hash = fnv1aAppendCodeUnit(hash, marked[end++] ?? 0);
        if (end < length && isLowSurrogate(marked[end] ?? 0)) hash = fnv1aAppendCodeUnit(hash, marked[end++] ?? 0);
        const markerAlone = n === 1 && (start === 0 || end === length);
        if (n >= minN && !markerAlone) found[count++] = mask >= 0 ? hash & mask : bucketOf(hash, buckets);
      }
    }
    return count;
  }
}
