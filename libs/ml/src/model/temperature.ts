import type { OptimizationSpec } from './model-spec.js';
import type { SparseBagWeights } from './network-weights.js';
import { predictPooled, type TrainingData } from './trainer.js';

const SEARCH_STEPS = 60;
const LOG_LOW = Math.log(0.05);
const LOG_HIGH = Math.log(200);
const FLOOR = 2 ** -100;

/**
 * Mean log loss of `softmax(t · z)` where `z` are the logits (up to a per-row constant) behind
 * the probability rows `probabilities` (row-major `[rows, classes]`).
 */
function logLossAt(logits: Float64Array, targets: Int32Array, classes: number, t: number): number {
  let total = 0;
  for (let row = 0; row < targets.length; row++) {
    let max = -Infinity;
    for (let c = 0; c < classes; c++) max = Math.max(max, t * (logits[row * classes + c] ?? 0));
    let sum = 0;
    for (let c = 0; c < classes; c++) sum += Math.exp(t * (logits[row * classes + c] ?? 0) - max);
    total += max + Math.log(sum) - t * (logits[row * classes + (targets[row] ?? 0)] ?? 0);
  }
  return total / targets.length;
}

/**
 * Temperature scaling (Guo et al., 2017): the factor `t` that minimises the log loss of
 * `softmax(t · logits)` on held-out rows, by golden-section search over ln t in [ln 0.05, ln 200].
 * Scaling all logits by one positive factor changes no argmax, so accuracy and F1 stay as they
 * are; the probabilities become calibrated. A squared-hinge model's margins are about ±1, whose
 * plain softmax is nearly uniform: this makes its probabilities usable for thresholds and rules.
 * Returns 1 without rows.
 */
export function fitTemperature(probabilities: Float32Array, targets: Int32Array, classes: number): number {
  if (targets.length === 0) return 1;
  const logits = Float64Array.from(probabilities, (p) => Math.log(Math.max(p, FLOOR)));
  const ratio = (Math.sqrt(5) - 1) / 2;
  let low = LOG_LOW;
  let high = LOG_HIGH;
  let a = high - ratio * (high - low);
  let b = low + ratio * (high - low);
  let lossA = logLossAt(logits, targets, classes, Math.exp(a));
  let lossB = logLossAt(logits, targets, classes, Math.exp(b));
  for (let step = 0; step < SEARCH_STEPS; step++) {
    if (lossA <= lossB) {
      high = b;
      b = a;
      lossB = lossA;
      a = high - ratio * (high - low);
      lossA = logLossAt(logits, targets, classes, Math.exp(a));
    } else {
      low = a;
      a = b;
      lossA = lossB;
      b = low + ratio * (high - low);
      lossB = logLossAt(logits, targets, classes, Math.exp(b));
    }
  }
  return Math.fround(Math.exp((low + high) / 2));
}

/**
 * The same network with its logits multiplied by `t`: the last layer's kernel and bias (the
 * embedding table and its bias for a model without dense layers). Exported to ONNX like any
 * other weights.
 */
export function scaleLogits(weights: SparseBagWeights, t: number): SparseBagWeights {
  const scaled = (values: Float32Array): Float32Array => values.map((value) => value * t);
  const last = weights.layers.at(-1);
  if (!last) {
    return {
      ...weights,
      embedding: scaled(weights.embedding),
      embeddingBias: weights.embeddingBias && scaled(weights.embeddingBias),
    };
  }
  return {
    ...weights,
    layers: [...weights.layers.slice(0, -1), { ...last, kernel: scaled(last.kernel), bias: scaled(last.bias) }],
  };
}

/** Weights with calibrated probabilities, and the factor applied. */
export interface CalibratedWeights {
  readonly weights: SparseBagWeights;
  readonly temperature: number;
}

/**
 * Temperature calibration of a squared-hinge model (`fitTemperature` on `heldOut` — the
 * validation rows — or on `fallback`, the training rows, when there are none); a softmax model is
 * returned as it is, with temperature 1.
 */
export function calibrate(
  weights: SparseBagWeights,
  loss: OptimizationSpec['loss'],
  heldOut: TrainingData,
  fallback: TrainingData,
  classes: number,
): CalibratedWeights {
  if (loss !== 'squared_hinge') return { weights, temperature: 1 };
  const rows = heldOut.targets.length > 0 ? heldOut : fallback;
  const temperature = fitTemperature(predictPooled(weights, rows.vectors, classes), rows.targets, classes);
  return { weights: scaleLogits(weights, temperature), temperature };
}
