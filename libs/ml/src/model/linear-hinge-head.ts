import type { HeadGradients } from './dense-head.js';
import type { SparseBagWeights } from './network-weights.js';

/**
 * The squared-hinge loss and its gradients for a head without dense layers (the linear model:
 * logits = pooled + bias), in plain TypeScript: the same loss as `headGradients` computes with
 * TensorFlow.js, `Σ_i w_i Σ_c max(0, 1 − y_ic (pooled_ic + b_c))² / Σ_i w_i` with `y = ±1`, without a
 * TensorFlow.js call per batch (most of a linear model's training time otherwise). Accumulates in
 * float64, deterministic.
 */
export function linearSquaredHingeGradients(
  weights: SparseBagWeights,
  pooled: Float32Array,
  targets: Int32Array,
  exampleWeights: Float32Array,
): HeadGradients {
  const classes = weights.embeddingSize;
  const bias = weights.embeddingBias;
  let weightSum = 0;
  for (const weight of exampleWeights) weightSum += weight;
  const scale = 1 / Math.max(weightSum, 1e-12);
  const pooledGradient = new Float32Array(pooled.length);
  const biasGradient = new Float64Array(classes);
  let loss = 0;
  for (let row = 0; row < targets.length; row++) {
    const target = targets[row] ?? 0;
    const weight = (exampleWeights[row] ?? 0) * scale;
    for (let c = 0; c < classes; c++) {
      const sign = c === target ? 1 : -1;
      const margin = 1 - sign * ((pooled[row * classes + c] ?? 0) + (bias?.[c] ?? 0));
      if (margin <= 0) continue;
      loss += weight * margin * margin;
      const gradient = -2 * weight * sign * margin;
      pooledGradient[row * classes + c] = gradient;
      biasGradient[c] = (biasGradient[c] ?? 0) + gradient;
    }
  }
  return {
    loss,
    pooled: pooledGradient,
    parameters: bias ? [Float32Array.from(biasGradient)] : [],
  };
}
