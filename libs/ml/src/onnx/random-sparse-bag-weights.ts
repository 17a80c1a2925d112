import type { Random } from '../core/random.js';
import type { DenseLayerWeights, SparseBagWeights } from '../model/network-weights.js';

/** The three network shapes of the suite (see {@link SparseBagWeights}). */
export type SparseBagKind = 'embedding-bag' | 'linear' | 'mlp';

/** Sizes of a random sparse-bag network. */
export interface RandomSparseBagOptions {
  readonly kind: SparseBagKind;
  readonly featureCount: number;
  readonly classes: number;
  /** Embedding size of `embedding-bag`, hidden units of `mlp`; unused by `linear`. */
  readonly hiddenSize: number;
  /** Standard deviation of every weight and bias; 0.5 unless given. */
  readonly scale?: number;
}

function normals(random: Random, length: number, scale: number): Float32Array {
  return Float32Array.from({ length }, () => random.normal() * scale);
}

function randomDense(random: Random, inputSize: number, outputSize: number, scale: number): DenseLayerWeights {
  return {
    inputSize,
    outputSize,
    kernel: normals(random, inputSize * outputSize, scale),
    bias: normals(random, outputSize, scale),
    activation: 'linear',
  };
}

/**
 * Normally distributed weights of one of the three network shapes, from a seeded source: models
 * for export, runtime and parity tests and benchmarks, independent of any training.
 */
export function randomSparseBagWeights(random: Random, options: RandomSparseBagOptions): SparseBagWeights {
  const { kind, featureCount, classes, hiddenSize, scale = 0.5 } = options;
  const embeddingSize = kind === 'linear' ? classes : hiddenSize;
  const embedding = normals(random, featureCount * embeddingSize, scale);
  switch (kind) {
    case 'embedding-bag':
      return {
        featureCount,
        embeddingSize,
        embedding,
        embeddingBias: null,
        embeddingActivation: 'linear',
        layers: [randomDense(random, embeddingSize, classes, scale)],
      };
    case 'linear':
      return {
        featureCount,
        embeddingSize,
        embedding,
        embeddingBias: normals(random, embeddingSize, scale),
        embeddingActivation: 'linear',
        layers: [],
      };
    case 'mlp':
      return {
        featureCount,
        embeddingSize,
        embedding,
        embeddingBias: normals(random, embeddingSize, scale),
        embeddingActivation: 'relu',
        layers: [randomDense(random, embeddingSize, classes, scale)],
      };
  }
}
