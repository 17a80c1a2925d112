import { predictionsOf, probabilityMatrix, type ClassIndices, type Probabilities } from './predictions.js';

/** One held-out example as the evaluated model predicted it. */
export interface TestPredictionRecord {
  readonly documentId: string;
  readonly text: string;
  readonly truth: string;
  readonly predicted: string;
  /** Probability of the predicted label. */
  readonly confidence: number;
}

/**
 * Every test example with its true label, the model's prediction (the most probable label, as
 * `evaluate` counts it in the confusion matrix) and the prediction's probability: what lets a
 * reader open a confusion-matrix cell and see the examples behind it.
 */
export function testPredictionRecords(input: {
  readonly labels: readonly string[];
  readonly truth: ClassIndices;
  readonly probabilities: Probabilities;
  readonly rows: readonly { readonly id: string; readonly text: string }[];
}): TestPredictionRecord[] {
  const { labels, truth, rows } = input;
  if (rows.length !== truth.length) throw new RangeError(`${rows.length} rows for ${truth.length} examples`);
  const { predicted, confidence } = predictionsOf(probabilityMatrix(input.probabilities, rows.length, labels.length));
  return rows.map((row, index) => ({
    documentId: row.id,
    text: row.text,
    truth: labels[truth[index] ?? 0] ?? '',
    predicted: labels[predicted[index] ?? 0] ?? '',
    confidence: Math.min(1, Math.max(0, confidence[index] ?? 0)),
  }));
}
