export { packBatch, type PackedBatch, type SparseVector } from './core/sparse-vector.js';
export { createRandom, shuffled, type Random } from './core/random.js';
export type { LabelledExample } from './core/example.js';
export { stratifiedSplit, type DatasetSplit, type SplitFractions } from './split/stratified-split.js';
export type { Activation, DenseLayerWeights, SparseBagWeights } from './model/network-weights.js';
