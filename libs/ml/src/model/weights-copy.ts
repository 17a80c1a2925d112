import type { SparseBagWeights } from './network-weights.js';

/** A deep copy: the trainer keeps the best epoch's weights while it goes on updating its own. */
export function copyWeights(weights: SparseBagWeights): SparseBagWeights {
  return {
    ...weights,
    embedding: weights.embedding.slice(),
    embeddingBias: weights.embeddingBias?.slice() ?? null,
    layers: weights.layers.map((layer) => ({ ...layer, kernel: layer.kernel.slice(), bias: layer.bias.slice() })),
  };
}
