import type { SparseVector } from '../core/sparse-vector.js';
import type { FeatureSink } from './feature-sink.js';

const INITIAL_CAPACITY = 1024;
/** Below this many ids an insertion sort beats the radix sort's fixed cost. */
const INSERTION_SORT_MAX = 48;
const RADIX_BITS = 8;
const RADIX = 1 << RADIX_BITS;
/** Passes of `RADIX_BITS` over a 32-bit id. */
const PASSES = 32 / RADIX_BITS;

function grown(array: Int32Array, length: number): Int32Array {
  if (array.length >= length) return array;
  let size = array.length;
  while (size < length) size *= 2;
  return new Int32Array(size);
}

/**
 * Gathers the feature ids of one text, repeats included, into one growing buffer reused from text
 * to text, then turns them into counts by sorting: an insertion sort for a few ids, else a radix
 * sort on bytes (the histograms of every byte counted in one read, then one pass per byte the
 * ids do not all share). Adding allocates nothing, and the
 * buffer is read in order, which measured faster than a tally over the whole id space (whose
 * random accesses miss the caches once the space holds a few hundred thousand ids).
 */
export class FeatureIdCollector implements FeatureSink {
  private buffer: Int32Array = new Int32Array(INITIAL_CAPACITY);
  private scratch: Int32Array = new Int32Array(INITIAL_CAPACITY);
  /** One histogram of byte values per radix pass, all counted in one read of the ids. */
  private readonly digitCounts = new Int32Array(PASSES * RADIX);
  private length = 0;
  /** After `runs`: the distinct ids, ascending (the first `runs()` entries are valid). */
  runIds: Int32Array = new Int32Array(INITIAL_CAPACITY);
  /** After `runs`: how often each of `runIds` was added. */
  runCounts = new Float64Array(INITIAL_CAPACITY);

  /** Forgets the ids added since the last `counts`, `runs` or `clear`. */
  clear(): void {
    this.length = 0;
  }

  /** Adds one occurrence of a feature. */
  add(id: number): void {
    if (this.length === this.buffer.length) {
      const larger = new Int32Array(this.buffer.length * 2);
      larger.set(this.buffer);
      this.buffer = larger;
    }
    this.buffer[this.length++] = id;
  }

  /**
   * Sorts the ids added and writes each distinct one with its count into `runIds` and `runCounts`
   * (reused: read them before the next call); returns how many there are, and starts over.
   */
  runs(): number {
    const length = this.length;
    const sorted = this.sorted();
    if (this.runIds.length < length) {
      this.runIds = grown(this.runIds, length);
      this.runCounts = new Float64Array(this.runIds.length);
    }
    const { runIds, runCounts } = this;
    let distinct = 0;
    let runStart = 0;
    while (runStart < length) {
      const id = sorted[runStart] ?? 0;
      let runEnd = runStart + 1;
      while (runEnd < length && sorted[runEnd] === id) runEnd++;
      runIds[distinct] = id;
      runCounts[distinct] = runEnd - runStart;
      distinct++;
      runStart = runEnd;
    }
    this.length = 0;
    return distinct;
  }

  /** The distinct ids added, ascending, with how often each was added; then starts over. */
  counts(): SparseVector {
    const distinct = this.runs();
    return { ids: this.runIds.slice(0, distinct), values: Float32Array.from(this.runCounts.subarray(0, distinct)) };
  }

  /** The ids added, ascending, in `buffer` (or in `scratch`, returned, after an odd number of radix passes). */
  private sorted(): Int32Array {
    const length = this.length;
    const ids = this.buffer;
    if (length <= INSERTION_SORT_MAX) {
      for (let index = 1; index < length; index++) {
        const id = ids[index] ?? 0;
        let at = index - 1;
        while (at >= 0 && (ids[at] ?? 0) > id) {
          ids[at + 1] = ids[at] ?? 0;
          at--;
        }
        ids[at + 1] = id;
      }
      return ids;
    }
    const counts = this.digitCounts;
    counts.fill(0);
    let bits = 0;
    for (let index = 0; index < length; index++) {
      const id = ids[index] ?? 0;
      bits |= id;
      for (let pass = 0; pass < PASSES; pass++) {
        const slot = pass * RADIX + ((id >>> (pass * RADIX_BITS)) & (RADIX - 1));
        counts[slot] = (counts[slot] ?? 0) + 1;
      }
    }
    if (bits < 0) return ids.subarray(0, length).sort();
    this.scratch = grown(this.scratch, this.buffer.length);
    let source = ids;
    let target = this.scratch;
    for (let pass = 0; pass < PASSES && (pass === 0 || bits >>> (pass * RADIX_BITS) > 0); pass++) {
      const shift = pass * RADIX_BITS;
      const first = pass * RADIX;
      if (counts[first + (((source[0] ?? 0) >>> shift) & (RADIX - 1))] === length) continue;
      let total = 0;
      for (let slot = first; slot < first + RADIX; slot++) {
        const count = counts[slot] ?? 0;
        counts[slot] = total;
        total += count;
      }
      for (let index = 0; index < length; index++) {
        const id = source[index] ?? 0;
        const slot = first + ((id >>> shift) & (RADIX - 1));
        const at = counts[slot] ?? 0;
        target[at] = id;
        counts[slot] = at + 1;
      }
      const swap = source;
      source = target;
      target = swap;
    }
    this.buffer = source;
    this.scratch = target;
    return source;
  }
}
