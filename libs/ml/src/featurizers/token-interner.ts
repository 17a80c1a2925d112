/** Mixes the high bits of a hash into the low bits that pick a slot. */
function homeSlot(hash: number, mask: number): number {
  return (hash ^ (hash >>> 15)) & mask;
}

/**
 * Gives each distinct token value an index, in order of first appearance, from its UTF-16 code
 * units and 32-bit FNV-1a hash: open addressing on the hashes (pairs hash, index + 1), equal hashes
 * settled by comparing code units, which it keeps for every value (`chars`, `starts`). Grows.
 */
export class TokenInterner {
  /** The number of distinct values. */
  size = 0;
  /** The values' code units, value after value; value `i` is `chars[starts[i] .. starts[i + 1])`. */
  chars: Uint16Array = new Uint16Array(4096);
  starts: Int32Array = new Int32Array(1024);
  /** The hash of each value. */
  hashes: Int32Array = new Int32Array(1024);
  private slots: Int32Array = new Int32Array(2 * 2048);

  /** The index of the value `chars[start, end)` with hash `hash`, added when new. */
  indexOf(chars: Uint16Array, start: number, end: number, hash: number): number {
    const wanted = hash | 0;
    const mask = (this.slots.length >> 1) - 1;
    let slot = homeSlot(wanted, mask);
    for (; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot * 2 + 1] ?? 0;
      if (entry === 0) break;
      if (this.slots[slot * 2] === wanted && this.holds(entry - 1, chars, start, end)) return entry - 1;
    }
    const index = this.append(chars, start, end, wanted);
    this.slots[slot * 2] = wanted;
    this.slots[slot * 2 + 1] = index + 1;
    if (this.size * 2 > mask) this.rehash();
    return index;
  }

  private holds(index: number, chars: Uint16Array, start: number, end: number): boolean {
    const from = this.starts[index] ?? 0;
    if ((this.starts[index + 1] ?? 0) - from !== end - start) return false;
    for (let at = start, own = from; at < end; at++, own++) if (this.chars[own] !== chars[at]) return false;
    return true;
  }

  private append(chars: Uint16Array, start: number, end: number, hash: number): number {
    const index = this.size++;
    if (this.size + 1 > this.starts.length) {
      this.starts = grownInt32(this.starts, this.starts.length * 2);
      this.hashes = grownInt32(this.hashes, this.starts.length);
    }
    const from = this.starts[index] ?? 0;
    const length = end - start;
    if (from + length > this.chars.length) {
      const grown = new Uint16Array(Math.max(this.chars.length * 2, from + length));
      grown.set(this.chars);
      this.chars = grown;
    }
    this.chars.set(chars.subarray(start, end), from);
    this.starts[index + 1] = from + length;
    this.hashes[index] = hash;
    return index;
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    const mask = (this.slots.length >> 1) - 1;
    for (let index = 0; index < this.size; index++) {
      const hash = this.hashes[index] ?? 0;
      let slot = homeSlot(hash, mask);
      while (this.slots[slot * 2 + 1] !== 0) slot = (slot + 1) & mask;
      this.slots[slot * 2] = hash;
      this.slots[slot * 2 + 1] = index + 1;
    }
  }
}

function grownInt32(array: Int32Array, length: number): Int32Array {
  const grown = new Int32Array(length);
  grown.set(array);
  return grown;
}
