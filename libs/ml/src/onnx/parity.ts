/** How far two row-major `[rows, classes]` probability matrices are apart. */
export interface ProbabilityComparison {
  readonly rows: number;
  /** Largest |expected − actual| over all cells; Infinity when a cell is NaN. */
  readonly maxAbsDifference: number;
  /** Rows whose most probable class differs (the first maximum counts on ties). */
  readonly argmaxMismatches: number;
  /** The row holding the largest difference, null when there are no rows. */
  readonly worstRow: number | null;
  readonly tolerance: number;
  /**
   * True when every cell is within the tolerance. An argmax mismatch within it is a near tie
   * between classes, reported in `argmaxMismatches` but not failed on.
   */
  readonly passed: boolean;
}

function argmax(values: Float32Array, offset: number, length: number): number {
  let best = 0;
  for (let index = 1; index < length; index++) {
    if ((values[offset + index] ?? 0) > (values[offset + best] ?? 0)) best = index;
  }
  return best;
}

function cellDifference(expected: number, actual: number): number {
  const difference = Math.abs(expected - actual);
  return Number.isNaN(difference) ? Number.POSITIVE_INFINITY : difference;
}

/**
 * Compares the probabilities of a reference (e.g. TensorFlow.js) with those of an exported model,
 * both row-major `[rows, classes]`. Throws a RangeError when the shapes do not agree.
 */
export function compareProbabilities(
  expected: Float32Array,
  actual: Float32Array,
  classes: number,
  tolerance = 1e-5,
): ProbabilityComparison {
  if (!Number.isInteger(classes) || classes < 1) {
    throw new RangeError(`classes must be a positive integer, got ${classes}`);
  }
  if (expected.length !== actual.length || expected.length % classes !== 0) {
    throw new RangeError(
      `cannot compare ${expected.length} expected with ${actual.length} actual probabilities of ${classes} classes`,
    );
  }
  const rows = expected.length / classes;
  let maxAbsDifference = 0;
  let worstRow: number | null = null;
  let argmaxMismatches = 0;
  for (let row = 0; row < rows; row++) {
    const offset = row * classes;
    for (let index = offset; index < offset + classes; index++) {
      const difference = cellDifference(expected[index] ?? 0, actual[index] ?? 0);
      if (worstRow === null || difference > maxAbsDifference) {
        maxAbsDifference = difference;
        worstRow = row;
      }
    }
    if (argmax(expected, offset, classes) !== argmax(actual, offset, classes)) argmaxMismatches++;
  }
  return { rows, maxAbsDifference, argmaxMismatches, worstRow, tolerance, passed: maxAbsDifference <= tolerance };
}
