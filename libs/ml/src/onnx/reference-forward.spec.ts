import { describe, expect, it } from 'vitest';
import { packBatch, type PackedBatch } from '../core/sparse-vector.js';
import type { SparseBagWeights } from '../model/network-weights.js';
import { sparseBagForward } from './reference-forward.js';

const mlp: SparseBagWeights = {
  featureCount: 3,
  embeddingSize: 2,
  embedding: Float32Array.of(1, 0, 0, 1, 2, -1),
  embeddingBias: Float32Array.of(0.5, -0.5),
  embeddingActivation: 'relu',
  layers: [
    {
      inputSize: 2,
      outputSize: 2,
      kernel: Float32Array.of(1, 0, 0, 1),
      bias: Float32Array.of(0, 0),
      activation: 'linear',
    },
  ],
};

function softmax(...logits: number[]): number[] {
  const exponentials = logits.map((logit) => Math.exp(logit));
  const total = exponentials.reduce((sum, value) => sum + value, 0);
  return exponentials.map((value) => value / total);
}

function batchOf(rows: [number[], number[]][]): PackedBatch {
  return packBatch(rows.map(([ids, values]) => ({ ids: Int32Array.from(ids), values: Float32Array.from(values) })));
}

function expectClose(actual: Float32Array, expected: number[]): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((value, index) => {
    expect(actual[index]).toBeCloseTo(value, 6);
  });
}

describe('sparseBagForward', () => {
  it('sums weighted embedding rows, adds the bias, applies relu, the dense layer and softmax', () => {
    const probabilities = sparseBagForward(
      mlp,
      batchOf([
        [
          [1, 2],
          [1, 0.5],
        ],
        [[2], [1]],
      ]),
    );
    expectClose(probabilities, [...softmax(1.5, 0), ...softmax(2.5, 0)]);
  });

  it('ignores padding, and gives an empty row the output of the bias alone', () => {
    const probabilities = sparseBagForward(
      mlp,
      batchOf([
        [
          [1, 2],
          [1, 0.5],
        ],
        [[], []],
        [
          [0, 1, 2],
          [0, 1, 0.5],
        ],
      ]),
    );
    expectClose(probabilities, [...softmax(1.5, 0), ...softmax(0.5, 0), ...softmax(1.5, 0)]);
  });

  it('keeps softmax finite for huge logits', () => {
    const linear: SparseBagWeights = { ...mlp, embeddingBias: null, embeddingActivation: 'linear', layers: [] };
    const probabilities = sparseBagForward(linear, batchOf([[[0], [1000]]]));
    expectClose(probabilities, [1, 0]);
  });

  it('gives an empty batch no probabilities', () => {
    expect(sparseBagForward(mlp, packBatch([]))).toEqual(new Float32Array());
  });

  it('refuses ids outside the feature range and batches whose arrays do not match their shape', () => {
    expect(() => sparseBagForward(mlp, batchOf([[[3], [1]]]))).toThrow(/feature id 3 at row 0/);
    expect(() => sparseBagForward(mlp, batchOf([[[-1], [1]]]))).toThrow(RangeError);
    const batch = batchOf([[[1], [1]]]);
    expect(() => sparseBagForward(mlp, { ...batch, size: 2 })).toThrow(/2 × 1 needs 2 ids/);
  });
});
