import type { PackedBatch } from '../core/sparse-vector.js';
import type { Activation, DenseLayerWeights, SparseBagWeights } from '../model/network-weights.js';
import { sparseBagClassCount } from './sparse-bag-shape.js';

function activate(values: Float64Array, activation: Activation): void {
  if (activation === 'linear') return;
  values.forEach((value, index) => {
    values[index] = Math.max(0, value);
  });
}

function embeddingBag(weights: SparseBagWeights, batch: PackedBatch, row: number): Float64Array {
  const size = weights.embeddingSize;
  const hidden = weights.embeddingBias === null ? new Float64Array(size) : Float64Array.from(weights.embeddingBias);
  for (let slot = row * batch.width; slot < (row + 1) * batch.width; slot++) {
    const id = batch.ids[slot] ?? 0;
    const value = batch.values[slot] ?? 0;
    if (!Number.isInteger(id) || id < 0 || id >= weights.featureCount) {
      throw new RangeError(`feature id ${id} at row ${row} is outside [0, ${weights.featureCount})`);
    }
    if (value === 0) continue;
    for (let unit = 0; unit < size; unit++) {
      hidden[unit] = (hidden[unit] ?? 0) + value * (weights.embedding[id * size + unit] ?? 0);
    }
  }
  activate(hidden, weights.embeddingActivation);
  return hidden;
}

function dense(layer: DenseLayerWeights, input: Float64Array): Float64Array {
  const output = Float64Array.from(layer.bias);
  input.forEach((inputValue, inputIndex) => {
    if (inputValue === 0) return;
    for (let unit = 0; unit < layer.outputSize; unit++) {
      output[unit] = (output[unit] ?? 0) + inputValue * (layer.kernel[inputIndex * layer.outputSize + unit] ?? 0);
    }
  });
  activate(output, layer.activation);
  return output;
}

function softmaxInto(logits: Float64Array, target: Float32Array, offset: number): void {
  const max = Math.max(...logits);
  const exponentials = logits.map((logit) => Math.exp(logit - max));
  const total = exponentials.reduce((sum, value) => sum + value, 0);
  exponentials.forEach((value, index) => {
    target[offset + index] = value / total;
  });
}

/**
 * The sparse-bag network evaluated in plain TypeScript (float64 arithmetic, max-shifted softmax),
 * as the reference an exported model is compared with. Returns the probabilities row-major
 * `[batch.size, classes]`. Throws a RangeError on inconsistent weights or an id outside the
 * feature range.
 */
export function sparseBagForward(weights: SparseBagWeights, batch: PackedBatch): Float32Array {
  const classes = sparseBagClassCount(weights);
  if (batch.ids.length !== batch.size * batch.width || batch.values.length !== batch.size * batch.width) {
    throw new RangeError(`a batch of ${batch.size} × ${batch.width} needs ${batch.size * batch.width} ids and values`);
  }
  const probabilities = new Float32Array(batch.size * classes);
  for (let row = 0; row < batch.size; row++) {
    const logits = weights.layers.reduce((input, layer) => dense(layer, input), embeddingBag(weights, batch, row));
    softmaxInto(logits, probabilities, row * classes);
  }
  return probabilities;
}
