import { describe, expect, it } from 'vitest';
import { createRandom } from '../core/random.js';
import type { SparseVector } from '../core/sparse-vector.js';
import { decodeCheckpoint, encodeCheckpoint } from './checkpoint-codec.js';
import { optimizationSpecSchema } from './model-spec.js';
import type { SparseBagWeights } from './network-weights.js';
import { trainSparseBag, type TrainingData } from './trainer.js';

const FEATURES = 12;
const CLASSES = 3;

/** Three overlapping classes (not separable): each uses its own ids most of the time and any id sometimes. */
function noisyData(count: number, seed: number): TrainingData {
  const random = createRandom(seed);
  const vectors: SparseVector[] = [];
  const targets = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const target = i % CLASSES === 2 && i % 4 === 0 ? 0 : i % CLASSES;
    const ids = new Set<number>();
    for (let k = 0; k < 3; k++)
      ids.add(random.next() < 0.7 ? target * 4 + random.integer(4) : random.integer(FEATURES));
    const sorted = Int32Array.from([...ids].sort((a, b) => a - b));
    vectors.push({ ids: sorted, values: Float32Array.from(sorted, () => 0.3 + random.next()) });
    targets[i] = target;
  }
  return { vectors, targets };
}

const train = noisyData(60, 3);
const NO_ROWS: TrainingData = { vectors: [], targets: new Int32Array(0) };

function input(overrides: Record<string, unknown> = {}) {
  return {
    model: { kind: 'linear' as const },
    optimization: optimizationSpecSchema.parse({
      optimizer: 'dual_cd',
      epochs: 500,
      tolerance: 1e-6,
      classWeights: 'none',
      ...overrides,
    }),
    featureCount: FEATURES,
    classes: CLASSES,
    seed: 5,
    train,
    validation: NO_ROWS,
  };
}

/** `½‖w‖² + Σ_i C_i max(0, 1 − y_i (w·x_i + b))²` of one class against the rest, bias included in `w`. */
function primal(w: Float64Array, classIndex: number, cost: number): number {
  let value = 0;
  for (const weight of w) value += 0.5 * weight * weight;
  train.vectors.forEach((vector, i) => {
    const sign = train.targets[i] === classIndex ? 1 : -1;
    let dot = w[FEATURES] ?? 0;
    vector.ids.forEach((id, k) => (dot += (w[id] ?? 0) * (vector.values[k] ?? 0)));
    const margin = Math.max(0, 1 - sign * dot);
    value += cost * margin * margin;
  });
  return value;
}

function columnOf(weights: SparseBagWeights, classIndex: number): Float64Array {
  const w = new Float64Array(FEATURES + 1);
  for (let f = 0; f < FEATURES; f++) w[f] = weights.embedding[f * CLASSES + classIndex] ?? 0;
  w[FEATURES] = weights.embeddingBias?.[classIndex] ?? 0;
  return w;
}

/** The primal optimum by plain gradient descent at step 1/L (smooth and strongly convex), in float64. */
function bruteForceOptimum(classIndex: number, cost: number): number {
  let lipschitz = 1;
  for (const vector of train.vectors) lipschitz += 2 * cost * (1 + vector.values.reduce((sum, v) => sum + v * v, 0));
  const w = new Float64Array(FEATURES + 1);
  for (let iteration = 0; iteration < 20_000; iteration++) {
    const gradient = Float64Array.from(w);
    train.vectors.forEach((vector, i) => {
      const sign = train.targets[i] === classIndex ? 1 : -1;
      let dot = w[FEATURES] ?? 0;
      vector.ids.forEach((id, k) => (dot += (w[id] ?? 0) * (vector.values[k] ?? 0)));
      const margin = 1 - sign * dot;
      if (margin <= 0) return;
      const scale = -2 * cost * sign * margin;
      vector.ids.forEach((id, k) => (gradient[id] = (gradient[id] ?? 0) + scale * (vector.values[k] ?? 0)));
      gradient[FEATURES] = (gradient[FEATURES] ?? 0) + scale;
    });
    for (let j = 0; j < w.length; j++) w[j] = (w[j] ?? 0) - (gradient[j] ?? 0) / lipschitz;
  }
  return primal(w, classIndex, cost);
}

describe('dual coordinate descent (optimizer dual_cd)', () => {
  it.each([0.1, 1, 2])('reaches the primal optimum of every one-vs-rest problem (C = %s)', async (cost) => {
    const result = await trainSparseBag(input({ C: cost, tolerance: 1e-4 }));
    expect(result.curve.length).toBeLessThan(500);
    for (let c = 0; c < CLASSES; c++) {
      const optimum = bruteForceOptimum(c, cost);
      const reached = primal(columnOf(result.weights, c), c, cost);
      expect(Math.abs(reached - optimum) / optimum).toBeLessThan(1e-4);
    }
  });

  it('scales each example cost by its class weight when balanced', async () => {
    const none = await trainSparseBag(input());
    const balanced = await trainSparseBag(input({ classWeights: 'balanced' }));
    expect(Buffer.from(balanced.weights.embedding.buffer).equals(Buffer.from(none.weights.embedding.buffer))).toBe(
      false,
    );
  });

  it('stops at the tolerance, else after the epochs, and records each epoch', async () => {
    const loose = await trainSparseBag(input({ tolerance: 1 }));
    const capped = await trainSparseBag(input({ epochs: 2 }));
    expect(loose.curve.length).toBeLessThan(capped.curve.length + 500);
    expect(capped.curve.map((point) => point.epoch)).toEqual([1, 2]);
    expect(loose.curve.at(-1)?.trainLoss).toBeGreaterThan(0);
  });

  it('gives identical weights for the same seed and a different path for another seed', async () => {
    const first = await trainSparseBag(input({ epochs: 3 }));
    const second = await trainSparseBag(input({ epochs: 3 }));
    const other = await trainSparseBag({ ...input({ epochs: 3 }), seed: 6 });
    expect(Buffer.from(second.weights.embedding.buffer).equals(Buffer.from(first.weights.embedding.buffer))).toBe(true);
    expect(Buffer.from(other.weights.embedding.buffer).equals(Buffer.from(first.weights.embedding.buffer))).toBe(false);
  });

  it('resumed from an encoded checkpoint ends exactly like an uninterrupted run', async () => {
    const uninterrupted = await trainSparseBag(input({ epochs: 12 }));
    let saved: Uint8Array | undefined;
    await trainSparseBag({
      ...input({ epochs: 12 }),
      onEpoch: (record, checkpoint) => {
        if (record.epoch === 5) saved = encodeCheckpoint(checkpoint);
        return record.epoch === 5 ? 'stop' : 'continue';
      },
    });
    const resumeFrom = decodeCheckpoint(saved ?? new Uint8Array());
    expect(resumeFrom.dual?.alpha.length).toBe(CLASSES * train.targets.length);
    const resumed = await trainSparseBag({ ...input({ epochs: 12 }), resumeFrom });
    expect(resumed.curve.map((point) => point.trainLoss)).toEqual(uninterrupted.curve.map((point) => point.trainLoss));
    expect(
      Buffer.from(resumed.weights.embedding.buffer).equals(Buffer.from(uninterrupted.weights.embedding.buffer)),
    ).toBe(true);
    expect(resumed.weights.embeddingBias).toEqual(uninterrupted.weights.embeddingBias);
  });

  it('refuses to resume from a checkpoint without dual variables', async () => {
    let saved: Uint8Array | undefined;
    await trainSparseBag({
      ...input({ epochs: 1, optimizer: 'sgd', tolerance: undefined }),
      onEpoch: (_record, checkpoint) => {
        saved = encodeCheckpoint(checkpoint);
        return 'continue';
      },
    });
    await expect(
      trainSparseBag({ ...input(), resumeFrom: decodeCheckpoint(saved ?? new Uint8Array()) }),
    ).rejects.toThrow('no dual variables');
  });

  it('honours an abort signal between classes', async () => {
    const controller = new AbortController();
    const run = trainSparseBag({
      ...input(),
      signal: controller.signal,
      onEpoch: () => {
        controller.abort(new Error('stop now'));
        return 'continue';
      },
    });
    await expect(run).rejects.toThrow('stop now');
  });
});
