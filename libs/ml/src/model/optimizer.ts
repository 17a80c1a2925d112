import type { SparseVector } from '../core/sparse-vector.js';
import type { OptimizationSpec } from './model-spec.js';
import { adamRate, adamSpan, scatterRowGradients, sgdRows, sgdSpan } from './sparse-bag.kernel.js';

/** Adam moments of one parameter (empty for SGD); part of a checkpoint. */
export interface Moments {
  readonly first: Float32Array;
  readonly second: Float32Array;
}

/** The optimizer's whole state: steps taken and the moments of the table and the head. */
export interface OptimizerState {
  step: number;
  readonly table: Moments;
  readonly head: Moments[];
}

/** Fresh state for a table of `tableSize` floats and head parameters of the given sizes. */
export function createOptimizerState(
  kind: OptimizationSpec['optimizer'],
  tableSize: number,
  headSizes: readonly number[],
): OptimizerState {
  const moments = (size: number): Moments =>
    kind === 'adam'
      ? { first: new Float32Array(size), second: new Float32Array(size) }
      : { first: new Float32Array(0), second: new Float32Array(0) };
  return { step: 0, table: moments(tableSize), head: headSizes.map(moments) };
}

/** The sparse table and what a batch did to it. */
export interface TableUpdate {
  readonly values: Float32Array;
  readonly width: number;
  readonly vectors: readonly SparseVector[];
  readonly pooledGradient: Float32Array;
}

/**
 * One update at learning rate `rate`: Adam (or SGD) on the head, and on the table only for the
 * rows the batch touched (lazy Adam: untouched rows keep their moments, as TensorFlow's LazyAdam).
 * L2 adds `l2 · w` to each updated weight's gradient.
 */
export function applyUpdate(
  spec: Pick<OptimizationSpec, 'optimizer' | 'l2'>,
  state: OptimizerState,
  rate: number,
  table: TableUpdate,
  head: { readonly values: readonly Float32Array[]; readonly gradients: readonly Float32Array[] },
): void {
  state.step += 1;
  if (spec.optimizer === 'sgd') {
    sgdRows(table.vectors, table.pooledGradient, table.values, table.width, rate, spec.l2);
    head.values.forEach((values, index) => {
      const gradient = head.gradients[index];
      if (gradient) sgdSpan(values, 0, gradient, 0, values.length, rate, spec.l2);
    });
    return;
  }
  const corrected = adamRate(rate, state.step);
  const { rows, gradients } = scatterRowGradients(table.vectors, table.pooledGradient, table.width);
  const { first, second } = state.table;
  rows.forEach((row, slot) => {
    adamSpan(
      table.values,
      first,
      second,
      row * table.width,
      gradients,
      slot * table.width,
      table.width,
      corrected,
      spec.l2,
    );
  });
  head.values.forEach((values, index) => {
    const gradient = head.gradients[index];
    const moments = state.head[index];
    if (gradient && moments)
      adamSpan(values, moments.first, moments.second, 0, gradient, 0, values.length, corrected, spec.l2);
  });
}

/** Learning rate at a step (1-based) of `totalSteps`, after linear warm-up. */
export function learningRateAt(
  spec: Pick<OptimizationSpec, 'learningRate' | 'schedule' | 'warmupSteps'>,
  step: number,
  totalSteps: number,
): number {
  if (spec.warmupSteps > 0 && step <= spec.warmupSteps) return (spec.learningRate * step) / spec.warmupSteps;
  const progress = Math.min(1, (step - spec.warmupSteps) / Math.max(1, totalSteps - spec.warmupSteps));
  switch (spec.schedule) {
    case 'constant':
      return spec.learningRate;
    case 'linear_decay':
      return spec.learningRate * Math.max(0.01, 1 - progress);
    case 'cosine':
      return spec.learningRate * Math.max(0.01, 0.5 * (1 + Math.cos(Math.PI * progress)));
  }
}
