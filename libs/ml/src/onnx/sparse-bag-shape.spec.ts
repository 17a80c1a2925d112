import { describe, expect, it } from 'vitest';
import { createRandom } from '../core/random.js';
import type { SparseBagWeights } from '../model/network-weights.js';
import { randomSparseBagWeights } from './random-sparse-bag-weights.js';
import { sparseBagClassCount } from './sparse-bag-shape.js';

const mlp = randomSparseBagWeights(createRandom(3), { kind: 'mlp', featureCount: 6, classes: 4, hiddenSize: 5 });
const layer = mlp.layers[0];
if (!layer) throw new Error('an mlp has one dense layer');

describe('sparseBagClassCount', () => {
  it('is the width of the last layer, or of the embedding without layers', () => {
    expect(sparseBagClassCount(mlp)).toBe(4);
    expect(sparseBagClassCount({ ...mlp, embeddingBias: null, layers: [] })).toBe(5);
  });

  it.each<[string, SparseBagWeights, RegExp]>([
    ['a fractional feature count', { ...mlp, featureCount: 1.5 }, /featureCount must be a positive integer/],
    ['a zero embedding size', { ...mlp, embeddingSize: 0 }, /embeddingSize must be a positive integer/],
    ['a short embedding', { ...mlp, embedding: new Float32Array(29) }, /embedding has 29 values, expected 30/],
    ['a long bias', { ...mlp, embeddingBias: new Float32Array(6) }, /embeddingBias has 6 values, expected 5/],
    ['layers that do not chain', { ...mlp, layers: [{ ...layer, inputSize: 4 }] }, /layers\[0\].inputSize is 4/],
    ['a layer without outputs', { ...mlp, layers: [{ ...layer, outputSize: 0 }] }, /layers\[0\].outputSize/],
    ['a short kernel', { ...mlp, layers: [{ ...layer, kernel: new Float32Array(3) }] }, /layers\[0\].kernel/],
    ['a short layer bias', { ...mlp, layers: [{ ...layer, bias: new Float32Array(3) }] }, /layers\[0\].bias/],
  ])('refuses %s', (_, weights, message) => {
    expect(() => sparseBagClassCount(weights)).toThrow(message);
  });
});
