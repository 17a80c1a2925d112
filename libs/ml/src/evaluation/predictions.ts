/** One example's predicted probabilities, one per class in label order. */
export type ProbabilityRow = Float32Array | Float64Array | readonly number[];

/**
 * Predicted probabilities of a set of examples: one row per example, or all rows one after the
 * other in a single array (row-major, as a model's output tensor).
 */
export type Probabilities = readonly ProbabilityRow[] | Float32Array | Float64Array | readonly number[];

/** Class indices, one per example. */
export type ClassIndices = Int32Array | readonly number[];

/** Probabilities as one row-major `[examples, classes]` matrix. */
export interface ProbabilityMatrix {
  readonly examples: number;
  readonly classes: number;
  readonly values: Float64Array;
}

/** The predicted class of each example (highest probability, the lowest index on ties) and its probability. */
export interface Predictions {
  readonly predicted: Int32Array;
  readonly confidence: Float64Array;
}

/** How far a row's sum may be from 1 (float32 softmax over many classes stays well within). */
const ROW_SUM_TOLERANCE = 1e-3;

/** Checks the class list: not empty, no label twice. Throws a RangeError otherwise. */
export function checkLabels(labels: readonly string[]): void {
  if (labels.length === 0) throw new RangeError('labels must not be empty');
  if (new Set(labels).size !== labels.length) throw new RangeError('labels must be unique');
}

/** Checks that every true class index is an integer in `[0, classes)`. Throws a RangeError otherwise. */
export function checkTruth(truth: ClassIndices, classes: number): void {
  truth.forEach((index, example) => {
    if (!Number.isInteger(index) || index < 0 || index >= classes) {
      throw new RangeError(`truth[${example}] = ${index} is not a class index in [0, ${classes})`);
    }
  });
}

/**
 * Reads probabilities, given as rows or as one row-major array, into a matrix of `examples` rows
 * of `classes` values. Throws a RangeError when the shape differs, or a row is not a probability
 * distribution: values in [0, 1] summing to 1 within 1e-3 (logits are refused).
 */
export function probabilityMatrix(probabilities: Probabilities, examples: number, classes: number): ProbabilityMatrix {
  const values = new Float64Array(examples * classes);
  if (isRowList(probabilities)) {
    if (probabilities.length !== examples) {
      throw new RangeError(`${probabilities.length} probability rows for ${examples} examples`);
    }
    probabilities.forEach((row, example) => {
      if (row.length !== classes) {
        throw new RangeError(`probabilities row ${example} has ${row.length} values for ${classes} labels`);
      }
      values.set(row, example * classes);
    });
  } else {
    if (probabilities.length !== examples * classes) {
      throw new RangeError(
        `${probabilities.length} probabilities for ${examples} examples × ${classes} labels (${examples * classes})`,
      );
    }
    values.set(probabilities);
  }
  for (let example = 0; example < examples; example++)
    checkRow(values.subarray(example * classes, (example + 1) * classes), example);
  return { examples, classes, values };
}

function isRowList(probabilities: Probabilities): probabilities is readonly ProbabilityRow[] {
  return Array.isArray(probabilities) && probabilities.length > 0 && typeof probabilities[0] !== 'number';
}

function checkRow(row: Float64Array, example: number): void {
  let sum = 0;
  for (const probability of row) {
    if (!(probability >= 0 && probability <= 1)) {
      throw new RangeError(`probabilities row ${example} holds ${probability}, not a probability`);
    }
    sum += probability;
  }
  if (Math.abs(sum - 1) > ROW_SUM_TOLERANCE) throw new RangeError(`probabilities row ${example} sums to ${sum}, not 1`);
}

/** The predicted class of each example and its probability (the model's confidence). */
export function predictionsOf({ examples, classes, values }: ProbabilityMatrix): Predictions {
  const predicted = new Int32Array(examples);
  const confidence = new Float64Array(examples);
  for (let example = 0; example < examples; example++) {
    const start = example * classes;
    let best = 0;
    for (let index = 1; index < classes; index++)
      if ((values[start + index] ?? 0) > (values[start + best] ?? 0)) best = index;
    predicted[example] = best;
    confidence[example] = values[start + best] ?? 0;
  }
  return { predicted, confidence };
}
