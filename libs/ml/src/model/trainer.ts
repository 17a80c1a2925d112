import { createRandom, shuffled } from '../core/random.js';
import { useBackend } from './backend.js';
import type { SparseVector } from '../core/sparse-vector.js';
import { headGradients, headParameters, headProbabilities } from './dense-head.js';
import {
  createDualState,
  dualProblem,
  dualSteps,
  endDualPass,
  startDualPass,
  type DualProblem,
  type DualState,
} from './dual-coordinate-descent.js';
import { initializeWeights } from './initialize.js';
import { linearSquaredHingeGradients } from './linear-hinge-head.js';
import type { ModelSpec, OptimizationSpec } from './model-spec.js';
import type { SparseBagWeights } from './network-weights.js';
import { applyUpdate, createOptimizerState, learningRateAt, type OptimizerState } from './optimizer.js';
import { poolRows } from './sparse-bag.kernel.js';
import { scoreProbabilities } from './validation-score.js';
import { copyWeights } from './weights-copy.js';

/** Featurized examples with their class indices. */
export interface TrainingData {
  readonly vectors: readonly SparseVector[];
  readonly targets: Int32Array;
}

/** One point of the learning curve. */
export interface EpochRecord {
  readonly epoch: number;
  readonly trainLoss: number;
  readonly validationLoss: number;
  readonly validationMacroF1: number;
  readonly validationAccuracy: number;
  readonly learningRate: number;
  readonly seconds: number;
}

/** Everything needed to go on after `epoch` completed epochs exactly as if never interrupted. */
export interface TrainerCheckpoint {
  readonly epoch: number;
  readonly weights: SparseBagWeights;
  readonly optimizer: OptimizerState;
  readonly best: { readonly epoch: number; readonly score: number; readonly weights: SparseBagWeights } | null;
  readonly curve: readonly EpochRecord[];
  /** Epochs since the best one, for early stopping. */
  readonly stale: number;
  /** The dual variables of `dual_cd` training; absent for the gradient optimizers. */
  readonly dual?: DualState | null | undefined;
}

/** Called after each epoch; `'stop'` ends training (the best weights so far are kept). */
export type EpochListener = (
  record: EpochRecord,
  checkpoint: TrainerCheckpoint,
) => Promise<'continue' | 'stop'> | 'continue' | 'stop';

export interface TrainerInput {
  readonly model: ModelSpec;
  readonly optimization: OptimizationSpec;
  readonly featureCount: number;
  readonly classes: number;
  readonly seed: number;
  readonly train: TrainingData;
  readonly validation: TrainingData;
  readonly resumeFrom?: TrainerCheckpoint | undefined;
  readonly onEpoch?: EpochListener | undefined;
  readonly signal?: AbortSignal | undefined;
}

export interface TrainerResult {
  /** The best epoch's weights with early stopping, else the last epoch's. */
  readonly weights: SparseBagWeights;
  readonly bestEpoch: number;
  readonly curve: readonly EpochRecord[];
  readonly stoppedEarly: boolean;
}

const YIELD_EVERY_BATCHES = 16;
const YIELD_EVERY_EXAMPLES = 1024;
const SCORE_BATCH = 512;

/**
 * Trains a sparse-bag network with mini-batches: the sparse layer pooled and updated in
 * TypeScript, the head's loss and gradients by TensorFlow.js. Seeded: initialisation from the
 * seed, each epoch's order from the seed and the epoch number, so a run resumed from a checkpoint
 * ends with the same weights as one never interrupted. Early stopping, when on, watches validation
 * macro-F1 and restores the best epoch; otherwise every epoch is trained and the last one kept. Initialises the TensorFlow.js backend (`useBackend`) if no caller
 * chose one.
 */
export async function trainSparseBag(input: TrainerInput): Promise<TrainerResult> {
  const { optimization, train, validation } = input;
  if (train.targets.length === 0) throw new Error('no training examples');
  await useBackend();
  const classWeights = classWeightsOf(optimization.classWeights, train.targets, input.classes);
  const batchesPerEpoch = Math.ceil(train.targets.length / optimization.batchSize);
  const totalSteps = batchesPerEpoch * optimization.epochs;
  const dual = optimization.optimizer === 'dual_cd' ? dualProblemOf(train, classWeights, optimization.C) : null;
  let state = input.resumeFrom ?? initialState(input);
  if (dual && !state.dual) throw new Error('the checkpoint has no dual variables to resume dual_cd training from');
  const order = Array.from({ length: train.targets.length }, (_, index) => index);
  while (state.epoch < optimization.epochs && !state.dual?.converged.every(Boolean)) {
    const epoch = state.epoch + 1;
    const started = performance.now();
    const shuffledOrder = shuffled(order, createRandom((input.seed ^ Math.imul(epoch, 0x9e3779b1)) >>> 0));
    let lossSum = 0;
    let rate = optimization.learningRate;
    if (dual && state.dual) {
      rate = 0;
      await dualEpoch(state.weights, state.dual, dual, shuffledOrder, optimization.tolerance, input.signal);
      lossSum = (state.dual.losses.reduce((sum, loss) => sum + loss, 0) / dual.totalWeight) * train.targets.length;
    } else {
      for (let batch = 0; batch < batchesPerEpoch; batch++) {
        input.signal?.throwIfAborted();
        const members = shuffledOrder.slice(batch * optimization.batchSize, (batch + 1) * optimization.batchSize);
        rate = learningRateAt(optimization, state.optimizer.step + 1, totalSteps);
        lossSum += trainBatch(state, members, train, classWeights, optimization, rate) * members.length;
        if (batch % YIELD_EVERY_BATCHES === YIELD_EVERY_BATCHES - 1) await nextTurn();
      }
    }
    const score = scoreSet(state.weights, validation, input.classes);
    const record: EpochRecord = {
      epoch,
      trainLoss: lossSum / train.targets.length,
      validationLoss: score.loss,
      validationMacroF1: score.macroF1,
      validationAccuracy: score.accuracy,
      learningRate: rate,
      seconds: (performance.now() - started) / 1000,
    };
    state = advance(state, record, optimization, validation.targets.length > 0);
    const stopEarly =
      optimization.earlyStopping !== null &&
      validation.targets.length > 0 &&
      state.stale >= optimization.earlyStopping.patience;
    const verdict = (await input.onEpoch?.(record, state)) ?? 'continue';
    if (stopEarly || verdict === 'stop') return finish(state, true, optimization);
  }
  return finish(state, false, optimization);
}

function initialState(input: TrainerInput): TrainerCheckpoint {
  const weights = initializeWeights(input.model, input.featureCount, input.classes, input.seed);
  const optimizer = createOptimizerState(
    input.optimization.optimizer,
    weights.embedding.length,
    headParameters(weights).map((values) => values.length),
  );
  const dual =
    input.optimization.optimizer === 'dual_cd' ? createDualState(input.classes, input.train.targets.length) : null;
  return { epoch: 0, weights, optimizer, best: null, curve: [], stale: 0, dual };
}

function dualProblemOf(
  train: TrainingData,
  classWeights: Float32Array,
  cost: number,
): DualProblem & { readonly totalWeight: number } {
  const weights = Float64Array.from(train.targets, (target) => classWeights[target] ?? 0);
  const totalWeight = weights.reduce((sum, weight) => sum + weight, 0);
  return { ...dualProblem(train.vectors, train.targets, weights, cost), totalWeight: Math.max(totalWeight, 1e-12) };
}

/**
 * One `dual_cd` epoch: an outer iteration of dual coordinate descent over every class not yet
 * converged, in the epoch's seeded order, yielding to the event loop (and checking the signal)
 * every `YIELD_EVERY_EXAMPLES` examples.
 */
async function dualEpoch(
  weights: SparseBagWeights,
  dual: DualState,
  problem: DualProblem,
  order: readonly number[],
  tolerance: number,
  signal: AbortSignal | undefined,
): Promise<void> {
  const tally = startDualPass(dual.converged.length);
  for (let from = 0; from < order.length; from += YIELD_EVERY_EXAMPLES) {
    signal?.throwIfAborted();
    dualSteps(weights, dual, problem, order, { from, to: Math.min(order.length, from + YIELD_EVERY_EXAMPLES) }, tally);
    await nextTurn();
  }
  endDualPass(dual, tally, tolerance);
}

function trainBatch(
  state: TrainerCheckpoint,
  members: readonly number[],
  data: TrainingData,
  classWeights: Float32Array,
  optimization: OptimizationSpec,
  rate: number,
): number {
  const vectors = members.map((index) => data.vectors[index] ?? EMPTY);
  const targets = Int32Array.from(members, (index) => data.targets[index] ?? 0);
  const exampleWeights = Float32Array.from(targets, (target) => classWeights[target] ?? 1);
  const { weights } = state;
  const pooled = poolRows(vectors, weights.embedding, weights.embeddingSize);
  const gradients =
    optimization.loss === 'squared_hinge' && weights.layers.length === 0 && weights.embeddingActivation === 'linear'
      ? linearSquaredHingeGradients(weights, pooled, targets, exampleWeights)
      : headGradients(weights, pooled, targets, exampleWeights, optimization.loss);
  applyUpdate(
    optimization,
    state.optimizer,
    rate,
    { values: weights.embedding, width: weights.embeddingSize, vectors, pooledGradient: gradients.pooled },
    { values: headParameters(weights), gradients: gradients.parameters },
  );
  return gradients.loss;
}

const EMPTY: SparseVector = { ids: new Int32Array(0), values: new Float32Array(0) };

/** Probabilities of the trained network for featurized examples, row-major `[rows, classes]`, via the training path. */
export function predictPooled(
  weights: SparseBagWeights,
  vectors: readonly SparseVector[],
  classes: number,
): Float32Array {
  const probabilities = new Float32Array(vectors.length * classes);
  for (let from = 0; from < vectors.length; from += SCORE_BATCH) {
    const chunk = vectors.slice(from, from + SCORE_BATCH);
    probabilities.set(
      headProbabilities(weights, poolRows(chunk, weights.embedding, weights.embeddingSize), chunk.length),
      from * classes,
    );
  }
  return probabilities;
}

function scoreSet(
  weights: SparseBagWeights,
  data: TrainingData,
  classes: number,
): ReturnType<typeof scoreProbabilities> {
  return scoreProbabilities(predictPooled(weights, data.vectors, classes), data.targets, classes);
}

/**
 * Records an epoch. With early stopping on, the best epoch (best validation macro-F1) is kept
 * aside; without it no copy is kept, since the last epoch is the result.
 */
function advance(
  state: TrainerCheckpoint,
  record: EpochRecord,
  optimization: OptimizationSpec,
  validated: boolean,
): TrainerCheckpoint {
  if (optimization.earlyStopping === null) return { ...state, epoch: record.epoch, curve: [...state.curve, record] };
  const { minDelta } = optimization.earlyStopping;
  const improved = !validated || state.best === null || record.validationMacroF1 > state.best.score + minDelta;
  return {
    ...state,
    epoch: record.epoch,
    curve: [...state.curve, record],
    best: improved
      ? { epoch: record.epoch, score: record.validationMacroF1, weights: copyWeights(state.weights) }
      : state.best,
    stale: improved ? 0 : state.stale + 1,
  };
}

/** The best epoch's weights with early stopping on, else the last epoch's. */
function finish(state: TrainerCheckpoint, stoppedEarly: boolean, optimization: OptimizationSpec): TrainerResult {
  const best =
    optimization.earlyStopping !== null && state.best !== null
      ? state.best
      : { epoch: state.epoch, weights: state.weights };
  return { weights: best.weights, bestEpoch: best.epoch, curve: state.curve, stoppedEarly };
}
function classWeightsOf(kind: OptimizationSpec['classWeights'], targets: Int32Array, classes: number): Float32Array {
  const weights = new Float32Array(classes).fill(1);
  if (kind === 'none') return weights;
  const counts = new Float64Array(classes);
  for (const target of targets) counts[target] = (counts[target] ?? 0) + 1;
  for (let c = 0; c < classes; c++) {
    const count = counts[c] ?? 0;
    weights[c] = count === 0 ? 0 : targets.length / (classes * count);
  }
  return weights;
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
