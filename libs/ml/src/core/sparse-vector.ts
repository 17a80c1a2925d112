/**
 * A featurized text: feature ids (ascending, unique) with their weights. Every featurizer output
 * and every model input in this library has this shape, so word ids, hashed n-grams and scaled
 * numeric features share one id space and one model input.
 */
export interface SparseVector {
  readonly ids: Int32Array;
  readonly values: Float32Array;
}

/** Sparse vectors padded to one width: the `ids` and `values` inputs of the exported ONNX model. */
export interface PackedBatch {
  readonly size: number;
  readonly width: number;
  /** Row-major `[size, width]`; padding has id 0 and value 0, so it adds nothing. */
  readonly ids: Int32Array;
  readonly values: Float32Array;
}

/** Pads a batch of sparse vectors to the longest one (at least 1 wide, as ONNX shapes need). */
export function packBatch(vectors: readonly SparseVector[]): PackedBatch {
  const width = Math.max(1, ...vectors.map((vector) => vector.ids.length));
  const ids = new Int32Array(vectors.length * width);
  const values = new Float32Array(vectors.length * width);
  vectors.forEach((vector, row) => {
    ids.set(vector.ids, row * width);
    values.set(vector.values, row * width);
  });
  return { size: vectors.length, width, ids, values };
}
