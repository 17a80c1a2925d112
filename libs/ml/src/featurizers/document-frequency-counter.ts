import type { FeatureSink } from './feature-sink.js';

/**
 * Counts each id once per text: remembers the last text that added it. The last text and the
 * count of an id sit side by side in one array, so an add touches one cache line.
 */
export class DocumentFrequencyCounter implements FeatureSink {
  private readonly entries: Int32Array;
  document = 0;

  constructor(private readonly dimension: number) {
    this.entries = new Int32Array(dimension * 2);
    for (let id = 0; id < dimension; id++) this.entries[id * 2] = -1;
  }

  add(id: number): void {
    if (this.entries[id * 2] === this.document) return;
    this.entries[id * 2] = this.document;
    this.entries[id * 2 + 1] = (this.entries[id * 2 + 1] ?? 0) + 1;
  }

  /** In how many texts each id occurred, by id. */
  frequencies(): Int32Array {
    const frequencies = new Int32Array(this.dimension);
    for (let id = 0; id < this.dimension; id++) frequencies[id] = this.entries[id * 2 + 1] ?? 0;
    return frequencies;
  }
}
