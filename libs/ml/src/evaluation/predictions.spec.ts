import { describe, expect, it } from 'vitest';
import { predictionsOf, probabilityMatrix } from './predictions.js';

describe('predictionsOf', () => {
  it('predicts the most probable class, the first one on ties, with its probability', () => {
    const matrix = probabilityMatrix([0.2, 0.4, 0.4, 0.7, 0.1, 0.2], 2, 3);
    const { predicted, confidence } = predictionsOf(matrix);
    expect([...predicted]).toEqual([1, 0]);
    expect([...confidence]).toEqual([0.4, 0.7]);
  });
});

describe('probabilityMatrix', () => {
  it('reads rows and row-major arrays alike', () => {
    expect(probabilityMatrix([[0.25, 0.75], Float32Array.of(1, 0)], 2, 2)).toEqual(
      probabilityMatrix(Float32Array.of(0.25, 0.75, 1, 0), 2, 2),
    );
    expect(probabilityMatrix([], 0, 2).values.length).toBe(0);
  });

  it('refuses logits and rows of the wrong size', () => {
    expect(() => probabilityMatrix([2.1, -0.3], 1, 2)).toThrow(/not a probability/);
    expect(() => probabilityMatrix([Number.NaN, 1], 1, 2)).toThrow(/not a probability/);
    expect(() => probabilityMatrix([[0.5, 0.5, 0]], 1, 2)).toThrow(/3 values for 2 labels/);
    expect(() => probabilityMatrix([0.5, 0.5], 2, 2)).toThrow(/2 probabilities for 2 examples × 2 labels/);
  });
});
