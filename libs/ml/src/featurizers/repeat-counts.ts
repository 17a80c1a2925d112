const INITIAL_SLOTS = 256;
const GOLDEN = 0x9e3779b1;
/** Generations wrap before the stamps would overflow an Int32. */
const LAST_GENERATION = 0x3fffffff;

/**
 * How often each of a few ids was seen more than once in one text: open addressing over
 * Int32Arrays whose slots belong to the current generation only, so `clear` is one increment.
 * An id incremented once counts 2 (its first sighting is counted elsewhere).
 */
export class RepeatCounts {
  private ids = new Int32Array(INITIAL_SLOTS);
  private counts = new Int32Array(INITIAL_SLOTS);
  private stamps = new Int32Array(INITIAL_SLOTS);
  private generation = 1;
  private used = 0;
  private shift = 32 - Math.log2(INITIAL_SLOTS);

  /** Counts one more sighting of an id already seen. */
  increment(id: number): void {
    const { ids, stamps, generation } = this;
    const mask = ids.length - 1;
    let slot = Math.imul(id, GOLDEN) >>> this.shift;
    while (stamps[slot] === generation) {
      if (ids[slot] === id) {
        this.counts[slot] = (this.counts[slot] ?? 0) + 1;
        return;
      }
      slot = (slot + 1) & mask;
    }
    stamps[slot] = generation;
    ids[slot] = id;
    this.counts[slot] = 2;
    if (++this.used * 2 > ids.length) this.grow();
  }

  /** How often an id was seen in all: 2 or more when it was incremented, else 1. */
  countOf(id: number): number {
    const { ids, stamps, generation } = this;
    const mask = ids.length - 1;
    for (let slot = Math.imul(id, GOLDEN) >>> this.shift; stamps[slot] === generation; slot = (slot + 1) & mask) {
      if (ids[slot] === id) return this.counts[slot] ?? 1;
    }
    return 1;
  }

  /** Forgets every count. */
  clear(): void {
    this.used = 0;
    if (++this.generation < LAST_GENERATION) return;
    this.stamps.fill(0);
    this.generation = 1;
  }

  private grow(): void {
    const { ids, counts, stamps, generation } = this;
    const size = ids.length * 2;
    this.ids = new Int32Array(size);
    this.counts = new Int32Array(size);
    this.stamps = new Int32Array(size);
    this.shift--;
    this.used = 0;
    for (let slot = 0; slot < ids.length; slot++) {
      if (stamps[slot] !== generation) continue;
      const id = ids[slot] ?? 0;
      const count = counts[slot] ?? 0;
      this.insert(id, count);
    }
  }

  private insert(id: number, count: number): void {
    const mask = this.ids.length - 1;
    let slot = Math.imul(id, GOLDEN) >>> this.shift;
    while (this.stamps[slot] === this.generation) slot = (slot + 1) & mask;
    this.stamps[slot] = this.generation;
    this.ids[slot] = id;
    this.counts[slot] = count;
    this.used++;
  }
}
