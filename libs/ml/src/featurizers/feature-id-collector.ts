import type { SparseVector } from '../core/sparse-vector.js';
import type { FeatureSink } from './feature-sink.js';
import { RepeatCounts } from './repeat-counts.js';

/** The most ids the bitmaps may cover (2^26): every id of a valid featurizer is below. */
const MAX_BITMAP_IDS = 2 ** 26;
const INITIAL_IDS = 1 << 15;
const INITIAL_RUNS = 1024;

/** The lowest set bit of a 32-bit word, as its index. */
function lowestBit(word: number): number {
  return 31 - Math.clz32(word & -word);
}

/** The smallest power of two, at least `INITIAL_IDS`, that is above `id`. */
function capacityFor(id: number): number {
  let capacity = INITIAL_IDS;
  while (capacity <= id) capacity *= 2;
  return capacity;
}

/**
 * Gathers the feature ids of one text and turns them into ascending distinct ids with counts,
 * without sorting: each id sets its bit in a bitmap of the id space, under two levels of summary
 * bits (one per bitmap word, one per summary word), and `runs` reads the set bits in order,
 * clearing them as it goes. A repeated id also sets a bit of its own beside the first (the two
 * words share a cache line) and is counted in a small hash table, so an id seen once costs no
 * lookup. Ids outside `[0, 2^26)` are kept aside and sorted. Adding allocates nothing once the
 * bitmap covers the ids (give the dimension to the constructor).
 */
export class FeatureIdCollector implements FeatureSink {
  /** Per bitmap word, two Int32: the ids seen, then the ids seen more than once. */
  private bits: Int32Array;
  /** One bit per bitmap word holding a set bit. */
  private summary: Int32Array;
  /** One bit per summary word holding a set bit. */
  private top: Int32Array;
  private capacity: number;
  private readonly repeats = new RepeatCounts();
  private outside: Int32Array = new Int32Array(16);
  private outsideLength = 0;
  private distinct = 0;
  private highest = -1;
  /** After `runs`: the distinct ids, ascending (the first `runs()` entries are valid). */
  runIds: Int32Array = new Int32Array(INITIAL_RUNS);
  /** After `runs`: how often each of `runIds` was added. */
  runCounts = new Float64Array(INITIAL_RUNS);

  /** `dimension`: the ids expected are below it (the bitmap grows past it when needed). */
  constructor(dimension = 0) {
    this.capacity = capacityFor(Math.min(Math.max(dimension - 1, 0), MAX_BITMAP_IDS - 1));
    this.bits = new Int32Array(this.capacity >>> 4);
    this.summary = new Int32Array(this.capacity >>> 10);
    this.top = new Int32Array(Math.max(1, this.capacity >>> 15));
  }

  /** Forgets the ids added since the last `counts`, `runs` or `clear`. */
  clear(): void {
    this.runs();
  }

  /** Adds one occurrence of a feature. */
  add(id: number): void {
    if (id >>> 0 >= this.capacity) {
      this.addOutside(id);
      return;
    }
    const word = id >>> 5;
    const bit = 1 << (id & 31);
    const bits = this.bits;
    const seen = bits[word << 1] ?? 0;
    if ((seen & bit) === 0) {
      bits[word << 1] = seen | bit;
      const summary = this.summary;
      const summaryWord = word >>> 5;
      const marks = summary[summaryWord] ?? 0;
      if (marks === 0) this.top[summaryWord >>> 5] = (this.top[summaryWord >>> 5] ?? 0) | (1 << (summaryWord & 31));
      summary[summaryWord] = marks | (1 << (word & 31));
      this.distinct++;
      if (id > this.highest) this.highest = id;
    } else {
      const repeated = (word << 1) + 1;
      bits[repeated] = (bits[repeated] ?? 0) | bit;
      this.repeats.increment(id);
    }
  }

  /**
   * Writes each distinct id added, ascending, with its count into `runIds` and `runCounts`
   * (reused: read them before the next call); returns how many there are, and starts over.
   */
  runs(): number {
    const room = this.distinct + this.outsideLength;
    if (this.runIds.length < room) {
      let size = this.runIds.length;
      while (size < room) size *= 2;
      this.runIds = new Int32Array(size);
      this.runCounts = new Float64Array(size);
    }
    const outside = this.outside.subarray(0, this.outsideLength).sort();
    let next = 0;
    let written = 0;
    while (next < outside.length && (outside[next] ?? 0) < 0) [next, written] = this.outsideRun(outside, next, written);
    if (this.highest >= 0) written = this.readBitmap(written);
    while (next < outside.length) [next, written] = this.outsideRun(outside, next, written);
    this.outsideLength = 0;
    this.distinct = 0;
    this.highest = -1;
    this.repeats.clear();
    return written;
  }

  /** The distinct ids added, ascending, with how often each was added; then starts over. */
  counts(): SparseVector {
    const distinct = this.runs();
    return { ids: this.runIds.slice(0, distinct), values: Float32Array.from(this.runCounts.subarray(0, distinct)) };
  }

  /** Reads and clears the set bits in id order into the runs from `written` on; returns the runs' new end. */
  private readBitmap(written: number): number {
    const { bits, summary, top, runIds, runCounts, repeats } = this;
    let at = written;
    const lastTop = this.highest >>> 15;
    for (let topWord = 0; topWord <= lastTop; topWord++) {
      let topMarks = top[topWord] ?? 0;
      if (topMarks === 0) continue;
      top[topWord] = 0;
      while (topMarks !== 0) {
        const summaryWord = (topWord << 5) | lowestBit(topMarks);
        topMarks &= topMarks - 1;
        let marks = summary[summaryWord] ?? 0;
        summary[summaryWord] = 0;
        while (marks !== 0) {
          const word = (summaryWord << 5) | lowestBit(marks);
          marks &= marks - 1;
          let seen = bits[word << 1] ?? 0;
          const repeated = bits[(word << 1) + 1] ?? 0;
          bits[word << 1] = 0;
          bits[(word << 1) + 1] = 0;
          while (seen !== 0) {
            const bit = seen & -seen;
            seen ^= bit;
            const id = (word << 5) | (31 - Math.clz32(bit));
            runIds[at] = id;
            runCounts[at++] = (repeated & bit) === 0 ? 1 : repeats.countOf(id);
          }
        }
      }
    }
    return at;
  }

  /** Writes the run of `sorted[from]` at `written`; returns where the next run starts and the runs' new end. */
  private outsideRun(sorted: Int32Array, from: number, written: number): [number, number] {
    const id = sorted[from] ?? 0;
    let end = from + 1;
    while (end < sorted.length && sorted[end] === id) end++;
    this.runIds[written] = id;
    this.runCounts[written] = end - from;
    return [end, written + 1];
  }

  /** Grows the bitmaps to cover an id within their limit, else keeps the id aside. */
  private addOutside(id: number): void {
    if (id >= 0 && id < MAX_BITMAP_IDS) {
      this.capacity = capacityFor(id);
      const bits = new Int32Array(this.capacity >>> 4);
      bits.set(this.bits);
      this.bits = bits;
      const summary = new Int32Array(this.capacity >>> 10);
      summary.set(this.summary);
      this.summary = summary;
      const top = new Int32Array(Math.max(1, this.capacity >>> 15));
      top.set(this.top);
      this.top = top;
      this.add(id);
      return;
    }
    if (this.outsideLength === this.outside.length) {
      const larger = new Int32Array(this.outside.length * 2);
      larger.set(this.outside);
      this.outside = larger;
    }
    this.outside[this.outsideLength++] = id;
  }
}
