import { describe, expect, it } from 'vitest';
import { initializeWeights } from './initialize.js';
import { modelSpecSchema } from './model-spec.js';
import { fitTemperature, scaleLogits } from './temperature.js';

/** Probability rows of softmax(t · logits) for two classes. */
function rowsAt(logits: readonly number[][], t: number): Float32Array {
  return Float32Array.from(
    logits.flatMap((row) => {
      const exps = row.map((z) => Math.exp(t * z));
      const sum = exps.reduce((a, b) => a + b, 0);
      return exps.map((e) => e / sum);
    }),
  );
}

describe('temperature scaling', () => {
  it('sharpens margins of about ±1 when they separate the classes well, and changes no argmax', () => {
    const logits = Array.from({ length: 200 }, (_, i) => (i % 10 === 0 ? [-0.3, 0.3] : [1, -1]));
    const targets = Int32Array.from(logits, () => 0);
    const t = fitTemperature(rowsAt(logits, 1), targets, 2);
    expect(t).toBeGreaterThan(1);
    expect(fitTemperature(rowsAt(logits, 1), targets, 2)).toBe(t);
    const scaled = rowsAt(logits, t);
    logits.forEach((row, i) =>
      expect((scaled[2 * i] ?? 0) > (scaled[2 * i + 1] ?? 0)).toBe((row[0] ?? 0) > (row[1] ?? 0)),
    );
  });

  it('is 1 without rows', () => {
    expect(fitTemperature(new Float32Array(0), new Int32Array(0), 3)).toBe(1);
  });

  it('scales the logits of a linear model (table and bias) and of a network (last layer)', () => {
    const linear = initializeWeights(modelSpecSchema.parse({ kind: 'linear' }), 4, 2, 1);
    linear.embedding.fill(0.5);
    linear.embeddingBias?.fill(-1);
    const scaled = scaleLogits(linear, 3);
    expect([...scaled.embedding]).toEqual(Array(8).fill(1.5));
    expect([...(scaled.embeddingBias ?? [])]).toEqual([-3, -3]);
    expect(linear.embedding[0]).toBe(0.5);
    const bag = initializeWeights(modelSpecSchema.parse({ kind: 'embedding_bag', dimension: 2 }), 4, 2, 1);
    bag.layers[0]?.bias.fill(1);
    const scaledBag = scaleLogits(bag, 2);
    expect(scaledBag.embedding).toBe(bag.embedding);
    expect([...(scaledBag.layers[0]?.bias ?? [])]).toEqual([2, 2]);
  });
});
