import type { SparseBagWeights } from '../model/network-weights.js';

function expectLength(what: string, array: Float32Array, expected: number): void {
  if (array.length !== expected) {
    throw new RangeError(`${what} has ${array.length} values, expected ${expected}`);
  }
}

function expectPositiveInteger(what: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`${what} must be a positive integer, got ${value}`);
  }
}

/**
 * Checks that every array of the weights has the size its declared shape implies and that the
 * layers chain, then returns the number of classes (the width of the last layer, or of the
 * embedding when there is no dense layer). Throws a RangeError naming the first mismatch.
 */
export function sparseBagClassCount(weights: SparseBagWeights): number {
  expectPositiveInteger('featureCount', weights.featureCount);
  expectPositiveInteger('embeddingSize', weights.embeddingSize);
  expectLength('embedding', weights.embedding, weights.featureCount * weights.embeddingSize);
  if (weights.embeddingBias !== null) {
    expectLength('embeddingBias', weights.embeddingBias, weights.embeddingSize);
  }
  let width = weights.embeddingSize;
  weights.layers.forEach((layer, index) => {
    if (layer.inputSize !== width) {
      throw new RangeError(`layers[${index}].inputSize is ${layer.inputSize}, expected ${width}`);
    }
    expectPositiveInteger(`layers[${index}].outputSize`, layer.outputSize);
    expectLength(`layers[${index}].kernel`, layer.kernel, layer.inputSize * layer.outputSize);
    expectLength(`layers[${index}].bias`, layer.bias, layer.outputSize);
    width = layer.outputSize;
  });
  return width;
}
