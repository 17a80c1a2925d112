/** Accuracy, macro-F1 and per-class F1 of a confusion matrix. */
export interface MatrixMetrics {
  readonly accuracy: number;
  readonly macroF1: number;
  /** In label (row) order. */
  readonly f1: readonly number[];
}

/**
 * The metrics of a confusion matrix (rows = true, columns = predicted) with libs/ml's (and
 * scikit-learn's) definitions: F1 = 2 tp / (support + predicted), 0 for a class never seen nor
 * predicted; macro-F1 averages the classes that occur in the truth or the predictions.
 */
export function matrixMetrics(matrix: readonly (readonly number[])[]): MatrixMetrics {
  const size = matrix.length;
  const support = new Array<number>(size).fill(0);
  const predicted = new Array<number>(size).fill(0);
  let total = 0;
  let correct = 0;
  matrix.forEach((row, t) => {
    row.forEach((count, p) => {
      support[t] = (support[t] ?? 0) + count;
      predicted[p] = (predicted[p] ?? 0) + count;
      total += count;
      if (t === p) correct += count;
    });
  });
  let sum = 0;
  let occurring = 0;
  const f1 = support.map((s, index) => {
    const denominator = s + (predicted[index] ?? 0);
    if (denominator === 0) return 0;
    occurring++;
    const value = (2 * (matrix[index]?.[index] ?? 0)) / denominator;
    sum += value;
    return value;
  });
  return { accuracy: total === 0 ? 0 : correct / total, macroF1: occurring === 0 ? 0 : sum / occurring, f1 };
}
