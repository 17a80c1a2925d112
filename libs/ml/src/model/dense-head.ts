import * as tf from '@tensorflow/tfjs';
import type { Activation, SparseBagWeights } from './network-weights.js';

/** The head's parameters in autodiff order: embedding bias (when present), then kernel and bias per layer. */
export function headParameters(weights: SparseBagWeights): Float32Array[] {
  return [
    ...(weights.embeddingBias ? [weights.embeddingBias] : []),
    ...weights.layers.flatMap((layer) => [layer.kernel, layer.bias]),
  ];
}

function activate(x: tf.Tensor2D, activation: Activation): tf.Tensor2D {
  return activation === 'relu' ? tf.relu(x) : x;
}

/** Logits of the head on pooled inputs `[batch, embeddingSize]`, from tensors in `headParameters` order. */
function headLogits(weights: SparseBagWeights, pooled: tf.Tensor2D, parameters: readonly tf.Tensor[]): tf.Tensor2D {
  let next = 0;
  const take = (): tf.Tensor => {
    const tensor = parameters[next++];
    if (!tensor) throw new Error('head parameter missing');
    return tensor;
  };
  let x = pooled;
  if (weights.embeddingBias) x = tf.add(x, take());
  x = activate(x, weights.embeddingActivation);
  for (const layer of weights.layers) {
    const kernel = take() as tf.Tensor2D;
    x = activate(tf.add(tf.matMul(x, kernel), take()), layer.activation);
  }
  return x;
}

function parameterTensors(weights: SparseBagWeights): tf.Tensor[] {
  const shapes: number[][] = [
    ...(weights.embeddingBias ? [[weights.embeddingSize]] : []),
    ...weights.layers.flatMap((layer) => [[layer.inputSize, layer.outputSize], [layer.outputSize]]),
  ];
  return headParameters(weights).map((values, index) => tf.tensor(values, shapes[index]));
}

/** Loss and gradients of one batch, as plain arrays (the optimizer works on them in TypeScript). */
export interface HeadGradients {
  readonly loss: number;
  /** `d loss / d pooled`, row-major `[batch, embeddingSize]`. */
  readonly pooled: Float32Array;
  /** In `headParameters` order. */
  readonly parameters: Float32Array[];
}

/** The training loss on the head's logits: what the model is fitted to, not how it predicts (always softmax). */
export type HeadLoss = 'softmax' | 'squared_hinge';

/**
 * One-vs-rest squared hinge per example: `Σ_c max(0, 1 − y_c · s_c)²` with `y_c = +1` for the
 * target class and −1 for the others (LinearSVC's loss), weighted per example as the softmax loss.
 */
function squaredHingeLoss(labels: tf.Tensor, logits: tf.Tensor2D, sampleWeights: tf.Tensor1D): tf.Scalar {
  const signs = tf.sub(tf.mul(labels, 2), 1);
  const margins = tf.relu(tf.sub(1, tf.mul(signs, logits)));
  const perExample = tf.sum(tf.square(margins), 1);
  return tf.div(tf.sum(tf.mul(perExample, sampleWeights)), tf.maximum(tf.sum(sampleWeights), 1e-12));
}

/**
 * Forward and backward pass of the head with TensorFlow.js autodiff: softmax cross-entropy (or
 * the one-vs-rest squared hinge), weighted per example (class weights), averaged over the
 * batch's weight.
 */
export function headGradients(
  weights: SparseBagWeights,
  pooled: Float32Array,
  targets: Int32Array,
  exampleWeights: Float32Array,
  loss: HeadLoss = 'softmax',
): HeadGradients {
  const batch = targets.length;
  const classes = weights.layers.at(-1)?.outputSize ?? weights.embeddingSize;
  return tf.tidy(() => {
    const inputs = tf.tensor2d(pooled, [batch, weights.embeddingSize]);
    const labels = tf.oneHot(tf.tensor1d(targets, 'int32'), classes);
    const sampleWeights = tf.tensor1d(exampleWeights);
    const parameters = parameterTensors(weights);
    const lossOf = (...args: tf.Tensor[]): tf.Scalar => {
      const [input, ...rest] = args;
      const logits = headLogits(weights, input as tf.Tensor2D, rest);
      if (loss === 'squared_hinge') return squaredHingeLoss(labels, logits, sampleWeights);
      return tf.losses.softmaxCrossEntropy<tf.Tensor, tf.Scalar>(
        labels,
        logits,
        sampleWeights,
        0,
        tf.Reduction.SUM_BY_NONZERO_WEIGHTS,
      );
    };
    const { value, grads } = tf.valueAndGrads(lossOf)([inputs, ...parameters]);
    const [pooledGradient, ...parameterGradients] = grads.map((grad) => grad.dataSync() as Float32Array);
    return {
      loss: value.dataSync()[0] ?? Number.NaN,
      pooled: pooledGradient ?? new Float32Array(0),
      parameters: parameterGradients,
    };
  });
}

/** Class probabilities of the head on pooled inputs, row-major `[batch, classes]`. */
export function headProbabilities(weights: SparseBagWeights, pooled: Float32Array, batch: number): Float32Array {
  return tf.tidy(() => {
    const inputs = tf.tensor2d(pooled, [batch, weights.embeddingSize]);
    return tf.softmax(headLogits(weights, inputs, parameterTensors(weights))).dataSync() as Float32Array;
  });
}
