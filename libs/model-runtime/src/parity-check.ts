import {
  compareProbabilities,
  packBatch,
  type PackedBatch,
  type ProbabilityComparison,
  type SparseVector,
} from '@mlops/ml';

/** Anything that turns packed batches into probabilities, an `OnnxClassifier` first of all. */
export interface ProbabilityModel {
  readonly classes: number;
  predict(batch: PackedBatch): Promise<Float32Array>;
}

/** Tolerance and chunking of {@link checkParity}. */
export interface ParityCheckOptions {
  /** Largest accepted |expected − actual| of one probability; 1e-5 unless given. */
  readonly tolerance?: number;
  /** Rows per run of the model, so that a large test set is packed and run in bounded pieces; 256 unless given. */
  readonly rowsPerRun?: number;
}

/**
 * Runs the vectors through the model in chunks and compares its probabilities with the expected
 * ones (row-major `[vectors.length, classes]`, e.g. from the TensorFlow.js model that was exported).
 * Rejects when the expected probabilities do not have one row per vector.
 */
export async function checkParity(
  model: ProbabilityModel,
  vectors: readonly SparseVector[],
  expected: Float32Array,
  options: ParityCheckOptions = {},
): Promise<ProbabilityComparison> {
  const { tolerance = 1e-5, rowsPerRun = 256 } = options;
  if (!Number.isInteger(rowsPerRun) || rowsPerRun < 1) {
    throw new RangeError(`rowsPerRun must be a positive integer, got ${rowsPerRun}`);
  }
  if (expected.length !== vectors.length * model.classes) {
    throw new RangeError(`${expected.length} expected probabilities for ${vectors.length} rows of ${model.classes}`);
  }
  const actual = new Float32Array(expected.length);
  for (let start = 0; start < vectors.length; start += rowsPerRun) {
    const probabilities = await model.predict(packBatch(vectors.slice(start, start + rowsPerRun)));
    actual.set(probabilities, start * model.classes);
  }
  return compareProbabilities(expected, actual, model.classes, tolerance);
}
