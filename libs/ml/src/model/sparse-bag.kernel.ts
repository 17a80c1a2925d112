import type { SparseVector } from '../core/sparse-vector.js';

/**
 * The sparse first layer, outside the autodiff graph: `pooled[n] = Σ_j values_j · table[ids_j]`.
 * Done in TypeScript because it touches only the rows a batch uses, where a TensorFlow.js
 * gather would need a dense gradient of the whole table each step (and the WASM backend has
 * no kernel for that gradient).
 */
export function poolRows(vectors: readonly SparseVector[], table: Float32Array, width: number): Float32Array {
  const pooled = new Float32Array(vectors.length * width);
  for (let row = 0; row < vectors.length; row++) {
    const { ids, values } = vectors[row]!;
    const out = row * width;
    for (let k = 0; k < ids.length; k++) {
      const value = values[k]!;
      const from = ids[k]! * width;
      for (let c = 0; c < width; c++) pooled[out + c]! += value * table[from + c]!;
    }
  }
  return pooled;
}

/**
 * Plain SGD on the table straight from the pooled gradient: `table[ids_j] -= rate · values_j ·
 * dPooled[n]` for every occurrence (a row used by several examples gets each one's share, which
 * sums to the same update), plus weight decay `rate · l2 · w` per occurrence.
 */
export function sgdRows(
  vectors: readonly SparseVector[],
  pooledGradient: Float32Array,
  table: Float32Array,
  width: number,
  rate: number,
  l2: number,
): void {
  for (let row = 0; row < vectors.length; row++) {
    const { ids, values } = vectors[row]!;
    const from = row * width;
    for (let k = 0; k < ids.length; k++) {
      const step = rate * values[k]!;
      const at = ids[k]! * width;
      for (let c = 0; c < width; c++) table[at + c]! -= step * pooledGradient[from + c]! + rate * l2 * table[at + c]!;
    }
  }
}

/** Gradient rows of the table a batch touched: row id → its gradient slice in `gradients`. */
export interface RowGradients {
  readonly rows: Int32Array;
  readonly gradients: Float32Array;
}

/**
 * Back-propagates the pooled gradient to the table rows: `dTable[ids_j] += values_j · dPooled[n]`,
 * summed over repeats, rows in first-touch order (deterministic for a given batch). Adam needs
 * the summed gradient of each row once per step.
 */
export function scatterRowGradients(
  vectors: readonly SparseVector[],
  pooledGradient: Float32Array,
  width: number,
): RowGradients {
  const slotOf = new Map<number, number>();
  let total = 0;
  for (const vector of vectors) total += vector.ids.length;
  const gradients = new Float32Array(total * width);
  const rows = new Int32Array(total);
  let used = 0;
  for (let row = 0; row < vectors.length; row++) {
    const { ids, values } = vectors[row]!;
    const from = row * width;
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k]!;
      let slot = slotOf.get(id);
      if (slot === undefined) {
        slot = used++;
        slotOf.set(id, slot);
        rows[slot] = id;
      }
      const value = values[k]!;
      const to = slot * width;
      for (let c = 0; c < width; c++) gradients[to + c]! += value * pooledGradient[from + c]!;
    }
  }
  return { rows: rows.subarray(0, used), gradients: gradients.subarray(0, used * width) };
}

const BETA1 = 0.9;
const BETA2 = 0.999;
const EPSILON = 1e-8;

/** Adam on `length` weights at `at`, from the gradient at `from`; `corrected` is the bias-corrected rate. */
export function adamSpan(
  values: Float32Array,
  first: Float32Array,
  second: Float32Array,
  at: number,
  gradient: Float32Array,
  from: number,
  length: number,
  corrected: number,
  l2: number,
): void {
  for (let i = 0; i < length; i++) {
    const w = values[at + i]!;
    const g = gradient[from + i]! + l2 * w;
    const m = BETA1 * first[at + i]! + (1 - BETA1) * g;
    const v = BETA2 * second[at + i]! + (1 - BETA2) * g * g;
    first[at + i] = m;
    second[at + i] = v;
    values[at + i] = w - (corrected * m) / (Math.sqrt(v) + EPSILON);
  }
}

/** Bias-corrected Adam learning rate at a step (1-based). */
export function adamRate(rate: number, step: number): number {
  return (rate * Math.sqrt(1 - BETA2 ** step)) / (1 - BETA1 ** step);
}

/** Plain SGD on `length` weights. */
export function sgdSpan(
  values: Float32Array,
  at: number,
  gradient: Float32Array,
  from: number,
  length: number,
  rate: number,
  l2: number,
): void {
  for (let i = 0; i < length; i++) values[at + i]! -= rate * (gradient[from + i]! + l2 * values[at + i]!);
}
