import { binOf } from './histogram-bin.js';
import type { DriftReference } from './drift-reference.js';

/** One answered text, as drift sees it. */
export interface DriftSample {
  /** Index of the decided label in the reference's labels. */
  readonly labelIndex: number;
  readonly textLength: number;
  readonly outOfVocabularyRate: number;
}

/** Counts per bin of the texts in a window, for each statistic. */
export interface WindowCounts {
  readonly size: number;
  readonly predictedLabel: readonly number[];
  readonly textLength: readonly number[];
  readonly outOfVocabularyRate: readonly number[];
}

/**
 * The last `capacity` texts of one version's traffic, kept as their bins in a ring buffer with
 * running counts: adding a text (and evicting the oldest) is O(log bins), reading the counts
 * O(bins), whatever the capacity.
 */
export class DriftWindow {
  readonly #labels: Int32Array;
  readonly #lengths: Int32Array;
  readonly #rates: Int32Array;
  readonly #labelCounts: number[];
  readonly #lengthCounts: number[];
  readonly #rateCounts: number[];
  #next = 0;
  #size = 0;

  constructor(
    readonly reference: DriftReference,
    readonly capacity: number,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new Error(`a drift window holds at least 1 text, not ${capacity}`);
    this.#labels = new Int32Array(capacity);
    this.#lengths = new Int32Array(capacity);
    this.#rates = new Int32Array(capacity);
    this.#labelCounts = new Array<number>(reference.labels.length).fill(0);
    this.#lengthCounts = new Array<number>(reference.textLength.edges.length + 1).fill(0);
    this.#rateCounts = new Array<number>(reference.outOfVocabularyRate.edges.length + 1).fill(0);
  }

  get size(): number {
    return this.#size;
  }

  /** Adds a text, evicting the oldest when full. A label index outside the reference is refused. */
  add(sample: DriftSample): void {
    if (
      !Number.isInteger(sample.labelIndex) ||
      sample.labelIndex < 0 ||
      sample.labelIndex >= this.#labelCounts.length
    ) {
      throw new Error(`label index ${sample.labelIndex} outside the ${this.#labelCounts.length} labels`);
    }
    const slot = this.#next;
    if (this.#size === this.capacity) {
      decrement(this.#labelCounts, this.#labels[slot] ?? 0);
      decrement(this.#lengthCounts, this.#lengths[slot] ?? 0);
      decrement(this.#rateCounts, this.#rates[slot] ?? 0);
    } else {
      this.#size += 1;
    }
    const lengthBin = binOf(this.reference.textLength.edges, sample.textLength);
    const rateBin = binOf(this.reference.outOfVocabularyRate.edges, sample.outOfVocabularyRate);
    this.#labels[slot] = sample.labelIndex;
    this.#lengths[slot] = lengthBin;
    this.#rates[slot] = rateBin;
    increment(this.#labelCounts, sample.labelIndex);
    increment(this.#lengthCounts, lengthBin);
    increment(this.#rateCounts, rateBin);
    this.#next = (slot + 1) % this.capacity;
  }

  /** A copy of the counts now. */
  counts(): WindowCounts {
    return {
      size: this.#size,
      predictedLabel: [...this.#labelCounts],
      textLength: [...this.#lengthCounts],
      outOfVocabularyRate: [...this.#rateCounts],
    };
  }
}

function increment(counts: number[], bin: number): void {
  counts[bin] = (counts[bin] ?? 0) + 1;
}

function decrement(counts: number[], bin: number): void {
  counts[bin] = (counts[bin] ?? 0) - 1;
}
