import { describe, expect, it } from 'vitest';
import { evaluate } from './evaluate.js';
import { testPredictionRecords } from './test-predictions.js';

describe('testPredictionRecords', () => {
  const labels = ['ham', 'spam', 'promo'];
  const rows = ['a', 'b', 'c', 'd'].map((id) => ({ id, text: `text ${id}` }));
  const truth = [0, 1, 2, 1];
  const probabilities = [
    [0.7, 0.2, 0.1],
    [0.6, 0.3, 0.1],
    [0.1, 0.2, 0.7],
    [0.2, 0.45, 0.35],
  ];

  it('gives each example its true and predicted label and the probability of the prediction', () => {
    expect(testPredictionRecords({ labels, truth, probabilities, rows })).toEqual([
      { documentId: 'a', text: 'text a', truth: 'ham', predicted: 'ham', confidence: 0.7 },
      { documentId: 'b', text: 'text b', truth: 'spam', predicted: 'ham', confidence: 0.6 },
      { documentId: 'c', text: 'text c', truth: 'promo', predicted: 'promo', confidence: 0.7 },
      { documentId: 'd', text: 'text d', truth: 'spam', predicted: 'spam', confidence: 0.45 },
    ]);
  });

  it('counts per (true, predicted) cell what the evaluation report counts in its confusion matrix', () => {
    const records = testPredictionRecords({ labels, truth, probabilities, rows });
    const { confusionMatrix } = evaluate({ labels, truth, probabilities, ids: rows.map((row) => row.id) });
    labels.forEach((truthLabel, row) =>
      labels.forEach((predictedLabel, column) =>
        expect(
          records.filter((record) => record.truth === truthLabel && record.predicted === predictedLabel),
        ).toHaveLength(confusionMatrix[row]?.[column] ?? -1),
      ),
    );
  });

  it('refuses rows and truths of different lengths', () => {
    expect(() => testPredictionRecords({ labels, truth: [0], probabilities, rows })).toThrow(RangeError);
  });
});
