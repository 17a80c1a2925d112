import type { SparseVector } from '../core/sparse-vector.js';
import type { SparseBagWeights } from './network-weights.js';

/**
 * The dual variables of the one-vs-rest squared-hinge problems and the solver's shrinking state,
 * all part of a checkpoint: `alpha` and `active` class-major `[classes, examples]` (an inactive
 * example was shrunk: its α is 0 and expected to stay so), each class's projected-gradient bounds
 * of its last pass (shrinking thresholds, ±Infinity when none), which classes met the tolerance
 * (they are not visited again), and each class's weighted squared hinge over its last pass.
 */
export interface DualState {
  readonly alpha: Float32Array;
  readonly active: Uint8Array;
  readonly upper: number[];
  readonly lower: number[];
  readonly converged: boolean[];
  readonly losses: number[];
}

/** One binary problem's data: the examples, their classes, each example's cost `C_i` and class weight. */
export interface DualProblem {
  readonly vectors: readonly SparseVector[];
  readonly targets: Int32Array;
  readonly costs: Float64Array;
  readonly weights: Float64Array;
  /** `‖x_i‖² + 1` (the bias feature), precomputed once. */
  readonly squaredNorms: Float64Array;
}

/** Zero dual variables for `classes` problems over `examples` rows, none converged. */
export function createDualState(classes: number, examples: number): DualState {
  return {
    alpha: new Float32Array(classes * examples),
    active: new Uint8Array(classes * examples).fill(1),
    upper: Array.from({ length: classes }, () => Infinity),
    lower: Array.from({ length: classes }, () => -Infinity),
    converged: Array.from({ length: classes }, () => false),
    losses: Array.from({ length: classes }, () => 0),
  };
}

/** The per-example data of the dual problems: costs and squared norms with the bias feature. */
export function dualProblem(
  vectors: readonly SparseVector[],
  targets: Int32Array,
  weights: Float64Array,
  cost: number,
): DualProblem {
  const costs = weights.map((weight) => weight * cost);
  const squaredNorms = Float64Array.from(vectors, (vector) => {
    let sum = 1;
    for (const value of vector.values) sum += value * value;
    return sum;
  });
  return { vectors, targets, costs, weights, squaredNorms };
}

/** What one outer iteration gathers per class: projected-gradient bounds, squared hinge, whether it shrank an example. */
export interface DualPassTally {
  readonly max: Float64Array;
  readonly min: Float64Array;
  readonly loss: Float64Array;
  readonly shrunk: Uint8Array;
}

/** An empty tally for an outer iteration over `classes` problems. */
export function startDualPass(classes: number): DualPassTally {
  return {
    max: new Float64Array(classes).fill(-Infinity),
    min: new Float64Array(classes).fill(Infinity),
    loss: new Float64Array(classes),
    shrunk: new Uint8Array(classes),
  };
}

/**
 * Dual coordinate descent with shrinking for the L2-regularised squared-hinge SVM of each class
 * against the rest (Hsieh et al. 2008; liblinear's solver 1), over the examples `order[from..to)`
 * of one outer iteration: for each example and each class not converged where it is active,
 * `D_ii = 1/(2C_i)`, `G = y_i w·x_i − 1 + D_ii α_i`, `α_i ← max(α_i − G/QD_i, 0)`,
 * `w += Δα_i y_i x_i`; an example at α = 0 whose gradient exceeds the class's largest projected
 * gradient of the last iteration is shrunk. The classes' problems are independent, so visiting
 * each example for all classes at once gives what one class after another would, while reading
 * each feature's row of the `[features × classes]` table once. The bias is a constant feature of
 * value 1, regularised like liblinear's intercept. Weights and α are stored float32, so the state
 * between iterations is exactly what a checkpoint holds.
 */
export function dualSteps(
  weights: SparseBagWeights,
  dual: DualState,
  problem: DualProblem,
  order: readonly number[],
  range: { readonly from: number; readonly to: number },
  tally: DualPassTally,
): void {
  const { embedding, embeddingBias } = weights;
  const classes = weights.embeddingSize;
  const examples = problem.targets.length;
  const bias = embeddingBias ?? new Float32Array(classes);
  const dots = new Float64Array(classes);
  const steps = new Float64Array(classes);
  for (let position = range.from; position < range.to; position++) {
    const example = order[position] ?? 0;
    const cost = problem.costs[example] ?? 0;
    if (cost <= 0 || !anyActive(dual, example, examples)) continue;
    const { ids, values } = problem.vectors[example] ?? EMPTY;
    dots.set(bias);
    for (let k = 0; k < ids.length; k++) {
      const row = (ids[k] ?? 0) * classes;
      const value = values[k] ?? 0;
      for (let c = 0; c < classes; c++) dots[c] = (dots[c] ?? 0) + (embedding[row + c] ?? 0) * value;
    }
    const target = problem.targets[example] ?? 0;
    const diagonal = 0.5 / cost;
    const quadratic = (problem.squaredNorms[example] ?? 1) + diagonal;
    const weight = problem.weights[example] ?? 0;
    let moved = false;
    for (let c = 0; c < classes; c++) {
      steps[c] = 0;
      const slot = c * examples + example;
      if (dual.converged[c] || dual.active[slot] === 0) continue;
      const sign = c === target ? 1 : -1;
      const alpha = dual.alpha[slot] ?? 0;
      const margin = 1 - sign * (dots[c] ?? 0);
      if (margin > 0) tally.loss[c] = (tally.loss[c] ?? 0) + weight * margin * margin;
      const gradient = diagonal * alpha - margin;
      if (alpha === 0 && gradient > (dual.upper[c] ?? Infinity)) {
        dual.active[slot] = 0;
        tally.shrunk[c] = 1;
        continue;
      }
      const projected = alpha === 0 ? Math.min(gradient, 0) : gradient;
      if (projected > (tally.max[c] ?? -Infinity)) tally.max[c] = projected;
      if (projected < (tally.min[c] ?? Infinity)) tally.min[c] = projected;
      if (Math.abs(projected) <= 1e-12) continue;
      const updated = Math.fround(Math.max(alpha - gradient / quadratic, 0));
      dual.alpha[slot] = updated;
      steps[c] = (updated - alpha) * sign;
      moved = true;
    }
    if (!moved) continue;
    for (let k = 0; k < ids.length; k++) {
      const row = (ids[k] ?? 0) * classes;
      const value = values[k] ?? 0;
      for (let c = 0; c < classes; c++) {
        const step = steps[c] ?? 0;
        if (step !== 0) embedding[row + c] = (embedding[row + c] ?? 0) + step * value;
      }
    }
    for (let c = 0; c < classes; c++) bias[c] = (bias[c] ?? 0) + (steps[c] ?? 0);
  }
}

/**
 * Ends an outer iteration: a class whose projected-gradient gap fell to `tolerance` has converged
 * if it shrank nothing, else all its examples are made active again (as liblinear); the others
 * keep their bounds as the next iteration's shrinking thresholds. Records each class's squared hinge.
 */
export function endDualPass(dual: DualState, tally: DualPassTally, tolerance: number): void {
  const classes = dual.converged.length;
  const examples = dual.alpha.length / classes;
  for (let c = 0; c < classes; c++) {
    if (dual.converged[c]) continue;
    dual.losses[c] = tally.loss[c] ?? 0;
    const max = tally.max[c] ?? -Infinity;
    const min = tally.min[c] ?? Infinity;
    const gap = max === -Infinity ? 0 : max - min;
    if (gap <= tolerance) {
      const offset = c * examples;
      if (tally.shrunk[c] === 0 && dual.active.subarray(offset, offset + examples).every((flag) => flag === 1))
        dual.converged[c] = true;
      else dual.active.fill(1, offset, offset + examples);
      dual.upper[c] = Infinity;
      dual.lower[c] = -Infinity;
      continue;
    }
    dual.upper[c] = max <= 0 ? Infinity : max;
    dual.lower[c] = min >= 0 ? -Infinity : min;
  }
}

function anyActive(dual: DualState, example: number, examples: number): boolean {
  for (let c = 0; c < dual.converged.length; c++)
    if (!dual.converged[c] && dual.active[c * examples + example] === 1) return true;
  return false;
}

const EMPTY: SparseVector = { ids: new Int32Array(0), values: new Float32Array(0) };
