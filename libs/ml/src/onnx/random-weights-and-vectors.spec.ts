import { describe, expect, it } from 'vitest';
import { createRandom } from '../core/random.js';
import { randomSparseBagWeights, type SparseBagKind } from './random-sparse-bag-weights.js';
import { randomSparseVectors } from './random-sparse-vectors.js';
import { sparseBagClassCount } from './sparse-bag-shape.js';

describe('randomSparseBagWeights', () => {
  it.each<[SparseBagKind, number, string, boolean]>([
    ['embedding-bag', 8, 'linear', false],
    ['linear', 3, 'linear', true],
    ['mlp', 8, 'relu', true],
  ])('builds a consistent %s network', (kind, embeddingSize, activation, hasBias) => {
    const weights = randomSparseBagWeights(createRandom(9), { kind, featureCount: 50, classes: 3, hiddenSize: 8 });
    expect(sparseBagClassCount(weights)).toBe(3);
    expect(weights).toMatchObject({ embeddingSize, embeddingActivation: activation });
    expect(weights.embeddingBias !== null).toBe(hasBias);
  });

  it('is reproducible from the seed', () => {
    const options = { kind: 'mlp', featureCount: 10, classes: 2, hiddenSize: 3 } as const;
    expect(randomSparseBagWeights(createRandom(4), options)).toEqual(randomSparseBagWeights(createRandom(4), options));
  });
});

describe('randomSparseVectors', () => {
  const vectors = randomSparseVectors(createRandom(5), { count: 200, featureCount: 30, maxLength: 6 });

  it('gives ascending unique ids within the feature range and values in [0, 1)', () => {
    const malformed = vectors.filter(
      ({ ids, values }) =>
        ids.length !== values.length ||
        ids.length > 6 ||
        ids.some((id, index) => id < 0 || id >= 30 || (index > 0 && id <= (ids[index - 1] ?? -1))) ||
        values.some((value) => value < 0 || value >= 1),
    );
    expect(malformed).toEqual([]);
  });

  it('includes empty vectors and full-length ones', () => {
    const lengths = new Set(vectors.map((vector) => vector.ids.length));
    expect(lengths).toContain(0);
    expect(lengths).toContain(6);
  });
});
