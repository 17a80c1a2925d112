import type { ClassIndices } from './predictions.js';

/**
 * The confusion matrix: `matrix[t][p]` counts the examples of true class `t` predicted as `p`
 * (rows = true, columns = predicted, in label order), as scikit-learn's `confusion_matrix`.
 */
export function confusionMatrix(classCount: number, truth: ClassIndices, predicted: ClassIndices): number[][] {
  const matrix = Array.from({ length: classCount }, () => new Array<number>(classCount).fill(0));
  truth.forEach((trueIndex, example) => {
    const row = matrix[trueIndex];
    const predictedIndex = predicted[example] ?? 0;
    if (row) row[predictedIndex] = (row[predictedIndex] ?? 0) + 1;
  });
  return matrix;
}
