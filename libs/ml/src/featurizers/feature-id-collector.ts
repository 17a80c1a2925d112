import type { SparseVector } from '../core/sparse-vector.js';
import type { FeatureSink } from './feature-sink.js';

const INITIAL_CAPACITY = 1024;

/**
 * Gathers the feature ids of one text, repeats included, into one growing buffer reused from text
 * to text, then turns them into counts by sorting. Adding allocates nothing, and the buffer is
 * read in order, which measured faster than a tally over the whole id space (whose random
 * accesses miss the caches once the space holds a few hundred thousand ids).
 */
export class FeatureIdCollector implements FeatureSink {
  private buffer = new Int32Array(INITIAL_CAPACITY);
  private length = 0;

  /** Forgets the ids added since the last `counts` or `clear`. */
  clear(): void {
    this.length = 0;
  }

  /** Adds one occurrence of a feature. */
  add(id: number): void {
    if (this.length === this.buffer.length) {
      const grown = new Int32Array(this.buffer.length * 2);
      grown.set(this.buffer);
      this.buffer = grown;
    }
    this.buffer[this.length++] = id;
  }

  /** The distinct ids added, ascending, with how often each was added; then starts over. */
  counts(): SparseVector {
    const sorted = this.buffer.subarray(0, this.length).sort();
    let distinct = 0;
    for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct++;
    const ids = new Int32Array(distinct);
    const values = new Float32Array(distinct);
    let slot = 0;
    let runStart = 0;
    while (runStart < sorted.length) {
      const id = sorted[runStart] ?? 0;
      let runEnd = runStart + 1;
      while (runEnd < sorted.length && sorted[runEnd] === id) runEnd++;
      ids[slot] = id;
      values[slot] = runEnd - runStart;
      slot++;
      runStart = runEnd;
    }
    this.length = 0;
    return { ids, values };
  }
}
