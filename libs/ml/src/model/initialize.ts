import { createRandom, type Random } from '../core/random.js';
import type { ModelSpec } from './model-spec.js';
import type { DenseLayerWeights, SparseBagWeights } from './network-weights.js';

/**
 * Seeded initial weights for a model spec: the embedding bag as fastText (embeddings uniform in
 * ±1/dimension, output layer zero), the linear model at zero (its loss is convex), the MLP with a
 * unit-variance hidden layer for L2-normalised inputs and a Glorot-uniform output layer.
 */
export function initializeWeights(
  spec: ModelSpec,
  featureCount: number,
  classes: number,
  seed: number,
): SparseBagWeights {
  const random = createRandom(seed);
  switch (spec.kind) {
    case 'embedding_bag': {
      const bound = 1 / spec.dimension;
      return {
        featureCount,
        embeddingSize: spec.dimension,
        embedding: uniform(featureCount * spec.dimension, bound, random),
        embeddingBias: null,
        embeddingActivation: 'linear',
        layers: [zeroLayer(spec.dimension, classes)],
      };
    }
    case 'linear':
      return {
        featureCount,
        embeddingSize: classes,
        embedding: new Float32Array(featureCount * classes),
        embeddingBias: new Float32Array(classes),
        embeddingActivation: 'linear',
        layers: [],
      };
    case 'mlp':
      return {
        featureCount,
        embeddingSize: spec.hidden,
        embedding: uniform(featureCount * spec.hidden, Math.sqrt(3), random),
        embeddingBias: new Float32Array(spec.hidden),
        embeddingActivation: 'relu',
        layers: [glorotLayer(spec.hidden, classes, random)],
      };
  }
}

function uniform(length: number, bound: number, random: Random): Float32Array {
  const values = new Float32Array(length);
  for (let i = 0; i < length; i++) values[i] = (random.next() * 2 - 1) * bound;
  return values;
}

function zeroLayer(inputSize: number, outputSize: number): DenseLayerWeights {
  return {
    inputSize,
    outputSize,
    kernel: new Float32Array(inputSize * outputSize),
    bias: new Float32Array(outputSize),
    activation: 'linear',
  };
}

function glorotLayer(inputSize: number, outputSize: number, random: Random): DenseLayerWeights {
  return {
    ...zeroLayer(inputSize, outputSize),
    kernel: uniform(inputSize * outputSize, Math.sqrt(6 / (inputSize + outputSize)), random),
  };
}
