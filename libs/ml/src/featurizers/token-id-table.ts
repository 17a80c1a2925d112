import { FNV1A_OFFSET_BASIS, fnv1aAppend } from './fnv1a.js';

/**
 * How many of the first ids (a vocabulary's most frequent words) get a table of their own, small
 * enough to stay in the CPU caches: in Zipfian text they are most lookups.
 */
const FREQUENT_IDS = 4096;

/** Mixes the high bits of a hash into the low bits that pick a slot. */
function homeSlot(hash: number, mask: number): number {
  return (hash ^ (hash >>> 15)) & mask;
}

/** Open addressing slots as pairs (hash, id + 1) in one array, 0 marking a free slot. */
function slotsFor(count: number): Int32Array {
  let capacity = 8;
  while (capacity < count * 2) capacity *= 2;
  return new Int32Array(capacity * 2);
}

/**
 * The ids of a fixed list of token values (id = position), found from a value's UTF-16 code units
 * and its 32-bit FNV-1a hash (`fnv1aAppend` from the offset basis) without making a string: open
 * addressing on the hashes, equal hashes settled by comparing the code units. The first
 * `FREQUENT_IDS` values sit in a small table looked up first, the others in a large one.
 */
/**
 * A `TokenIdTable`'s open-addressing slots, (FNV-1a hash, id + 1) pairs with 0 marking a free
 * slot and the home slot `(hash ^ (hash >>> 15)) & mask`: the frequent words' table, the others'
 * table, and whether the second is ever searched. To copy (the featurize kernel does), not to change.
 */
export interface TokenIdSlots {
  readonly frequent: Int32Array;
  readonly rest: Int32Array;
  readonly searchesRest: boolean;
}

export class TokenIdTable {
  private readonly frequent: Int32Array;
  private readonly rest: Int32Array;
  private readonly chars: Uint16Array;
  private readonly starts: Int32Array;
  private readonly size: number;
  /** True when no value occurs twice in the list. */
  readonly unique: boolean;

  constructor(tokens: readonly string[]) {
    this.size = tokens.length;
    this.frequent = slotsFor(Math.min(tokens.length, FREQUENT_IDS));
    this.rest = slotsFor(Math.max(0, tokens.length - FREQUENT_IDS));
    this.starts = new Int32Array(tokens.length + 1);
    let length = 0;
    for (const token of tokens) length += token.length;
    this.chars = new Uint16Array(length);
    let at = 0;
    let unique = true;
    tokens.forEach((token, id) => {
      const start = at;
      this.starts[id] = start;
      for (let index = 0; index < token.length; index++) this.chars[at++] = token.charCodeAt(index);
      this.starts[id + 1] = at;
      const hash = fnv1aAppend(FNV1A_OFFSET_BASIS, token) | 0;
      if (id >= FREQUENT_IDS && this.probe(this.frequent, this.chars, start, at, hash) >= 0) unique = false;
      if (!this.insert(id < FREQUENT_IDS ? this.frequent : this.rest, hash, id)) unique = false;
    });
    this.unique = unique;
  }

  /** The table's slots, as the featurize kernel probes them too. */
  get slots(): TokenIdSlots {
    return { frequent: this.frequent, rest: this.rest, searchesRest: this.size > FREQUENT_IDS };
  }

  /** The id of the value `chars[start, end)` whose FNV-1a hash is `hash`, or -1. */
  find(chars: Uint16Array, start: number, end: number, hash: number): number {
    const wanted = hash | 0;
    const id = this.probe(this.frequent, chars, start, end, wanted);
    return id >= 0 || this.size <= FREQUENT_IDS ? id : this.probe(this.rest, chars, start, end, wanted);
  }

  /** Puts the id in its slot; false when the value it names is already in these slots (it is put anyway). */
  private insert(slots: Int32Array, hash: number, id: number): boolean {
    const mask = (slots.length >> 1) - 1;
    const start = this.starts[id] ?? 0;
    const end = this.starts[id + 1] ?? 0;
    let fresh = true;
    let slot = homeSlot(hash, mask);
    for (let entry = slots[slot * 2 + 1] ?? 0; entry !== 0; entry = slots[slot * 2 + 1] ?? 0) {
      if (fresh && slots[slot * 2] === hash && this.holds(entry - 1, this.chars, start, end)) fresh = false;
      slot = (slot + 1) & mask;
    }
    slots[slot * 2] = hash;
    slots[slot * 2 + 1] = id + 1;
    return fresh;
  }

  private probe(slots: Int32Array, chars: Uint16Array, start: number, end: number, hash: number): number {
    const mask = (slots.length >> 1) - 1;
    for (let slot = homeSlot(hash, mask); ; slot = (slot + 1) & mask) {
      const entry = slots[slot * 2 + 1] ?? 0;
      if (entry === 0) return -1;
      if (slots[slot * 2] === hash && this.holds(entry - 1, chars, start, end)) return entry - 1;
    }
  }

  private holds(id: number, chars: Uint16Array, start: number, end: number): boolean {
    const from = this.starts[id] ?? 0;
    if ((this.starts[id + 1] ?? 0) - from !== end - start) return false;
    for (let index = start, at = from; index < end; index++, at++) if (this.chars[at] !== chars[index]) return false;
    return true;
  }
}
