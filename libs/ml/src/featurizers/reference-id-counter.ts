import type { SparseVector } from '../core/sparse-vector.js';
import type { FeatureSink } from './feature-sink.js';

/**
 * Counts feature ids as the text featurizer first did, for `referenceTextFeaturizer`: a growing
 * buffer of ids sorted with `Int32Array.prototype.sort`, then counted run by run.
 */
export class ReferenceIdCounter implements FeatureSink {
  private buffer = new Int32Array(1024);
  private length = 0;

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
