import * as tf from '@tensorflow/tfjs';
import type { PackedBatch } from '../core/sparse-vector.js';
import type { Activation, SparseBagWeights } from './network-weights.js';

/** A sparse-bag network held as TensorFlow.js tensors. */
export interface TfjsSparseBagModel {
  /** Probabilities row-major `[batch.size, classes]`. */
  predict(batch: PackedBatch): Float32Array;
  /** Frees the tensors. */
  dispose(): void;
}

function activate(x: tf.Tensor2D, activation: Activation): tf.Tensor2D {
  return activation === 'relu' ? tf.relu(x) : x;
}

/**
 * The whole network in TensorFlow.js, on the same packed `ids`/`values` inputs as the exported
 * ONNX model: gather the rows, weight, sum, then the dense layers and softmax. This is the
 * reference the ONNX export is checked against.
 */
export function createTfjsModel(weights: SparseBagWeights): TfjsSparseBagModel {
  const table = tf.tensor2d(weights.embedding, [weights.featureCount, weights.embeddingSize]);
  const bias = weights.embeddingBias ? tf.tensor1d(weights.embeddingBias) : null;
  const layers = weights.layers.map((layer) => ({
    kernel: tf.tensor2d(layer.kernel, [layer.inputSize, layer.outputSize]),
    bias: tf.tensor1d(layer.bias),
    activation: layer.activation,
  }));
  return {
    predict: (batch) =>
      tf.tidy(() => {
        const rows = tf.gather(table, tf.tensor1d(batch.ids, 'int32'));
        const weighted = tf.mul(rows, tf.tensor2d(batch.values, [batch.ids.length, 1]));
        let x = tf.sum<tf.Tensor2D>(tf.reshape(weighted, [batch.size, batch.width, weights.embeddingSize]), 1);
        if (bias) x = tf.add(x, bias);
        x = activate(x, weights.embeddingActivation);
        for (const layer of layers) x = activate(tf.add(tf.matMul(x, layer.kernel), layer.bias), layer.activation);
        return tf.softmax(x).dataSync() as Float32Array;
      }),
    dispose: () => {
      tf.dispose([table, ...(bias ? [bias] : []), ...layers.flatMap((layer) => [layer.kernel, layer.bias])]);
    },
  };
}
