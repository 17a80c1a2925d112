import { describe, expect, it } from 'vitest';
import { createRandom } from '../core/random.js';
import type { SparseVector } from '../core/sparse-vector.js';
import { packBatch } from '../core/sparse-vector.js';
import { sparseBagForward } from '../onnx/reference-forward.js';
import { useBackend } from './backend.js';
import { decodeCheckpoint, encodeCheckpoint } from './checkpoint-codec.js';
import { modelSpecSchema, optimizationSpecSchema, type ModelSpec } from './model-spec.js';
import { createTfjsModel } from './tfjs-forward.js';
import { predictPooled, trainSparseBag, type TrainerCheckpoint, type TrainingData } from './trainer.js';

const FEATURES = 64;

/** Two classes told apart by which half of the feature ids their texts use, plus shared noise. */
function syntheticData(count: number, seed: number): TrainingData {
  const random = createRandom(seed);
  const vectors: SparseVector[] = [];
  const targets = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const target = i % 2;
    const ids = new Set<number>();
    for (let k = 0; k < 6; k++) ids.add(target * 24 + random.integer(24));
    for (let k = 0; k < 3; k++) ids.add(48 + random.integer(16));
    const sorted = Int32Array.from([...ids].sort((a, b) => a - b));
    vectors.push({ ids: sorted, values: new Float32Array(sorted.length).fill(1 / sorted.length) });
    targets[i] = target;
  }
  return { vectors, targets };
}

const train = syntheticData(200, 1);
const validation = syntheticData(60, 2);

function input(model: ModelSpec, overrides: Record<string, unknown> = {}) {
  return {
    model,
    optimization: optimizationSpecSchema.parse({
      epochs: 6,
      batchSize: 16,
      optimizer: 'adam',
      loss: 'softmax',
      learningRate: 0.05,
      earlyStopping: null,
      ...overrides,
    }),
    featureCount: FEATURES,
    classes: 2,
    seed: 7,
    train,
    validation,
  };
}

const specs: [ModelSpec, ModelSpec, ModelSpec] = [
  modelSpecSchema.parse({ kind: 'embedding_bag', dimension: 8 }),
  modelSpecSchema.parse({ kind: 'linear' }),
  modelSpecSchema.parse({ kind: 'mlp', hidden: 8 }),
];

describe('trainSparseBag', () => {
  it.each(specs)('learns a separable problem ($kind)', async (model) => {
    await useBackend('auto');
    const result = await trainSparseBag(input(model));
    expect(result.curve).toHaveLength(6);
    expect(result.curve.at(-1)?.validationMacroF1).toBeGreaterThan(0.95);
    expect(result.curve.at(-1)?.trainLoss).toBeLessThan(result.curve[0]?.trainLoss ?? 0);
  });

  it('gives identical weights for the same seed and different ones for another seed', async () => {
    const model = specs[0];
    const first = await trainSparseBag(input(model));
    const second = await trainSparseBag(input(model));
    const other = await trainSparseBag({ ...input(model), seed: 8 });
    expect(Buffer.from(second.weights.embedding.buffer).equals(Buffer.from(first.weights.embedding.buffer))).toBe(true);
    expect(Buffer.from(other.weights.embedding.buffer).equals(Buffer.from(first.weights.embedding.buffer))).toBe(false);
  });

  it.each(['adam', 'sgd'] as const)(
    'resumed from an encoded checkpoint ends exactly like an uninterrupted run (%s)',
    async (optimizer) => {
      const model = specs[2];
      const uninterrupted = await trainSparseBag(input(model, { optimizer }));
      let saved: Uint8Array | undefined;
      await trainSparseBag({
        ...input(model, { optimizer }),
        onEpoch: (record, checkpoint) => {
          if (record.epoch === 3) saved = encodeCheckpoint(checkpoint);
          return record.epoch === 3 ? 'stop' : 'continue';
        },
      });
      const resumeFrom: TrainerCheckpoint = decodeCheckpoint(saved ?? new Uint8Array());
      expect(resumeFrom.epoch).toBe(3);
      const resumed = await trainSparseBag({ ...input(model, { optimizer }), resumeFrom });
      expect(resumed.curve.map((point) => point.trainLoss)).toEqual(
        uninterrupted.curve.map((point) => point.trainLoss),
      );
      expect(
        Buffer.from(resumed.weights.embedding.buffer).equals(Buffer.from(uninterrupted.weights.embedding.buffer)),
      ).toBe(true);
    },
  );

  it('stops early on a flat validation score and restores the best epoch', async () => {
    const result = await trainSparseBag(input(specs[1], { epochs: 40, earlyStopping: { patience: 2, minDelta: 0.5 } }));
    expect(result.stoppedEarly).toBe(true);
    expect(result.bestEpoch).toBe(1);
    expect(result.curve).toHaveLength(3);
  });

  it('learns with the linear default recipe (squared hinge, SGD) and keeps the last epoch without early stopping', async () => {
    const recipe = { optimizer: 'sgd', loss: 'squared_hinge', learningRate: 0.5 };
    const result = await trainSparseBag(input(specs[1], recipe));
    expect(result.curve.at(-1)?.validationMacroF1).toBeGreaterThan(0.95);
    expect(result.bestEpoch).toBe(6);
    const withoutValidation = await trainSparseBag({
      ...input(specs[1], recipe),
      validation: { vectors: [], targets: new Int32Array(0) },
    });
    expect(withoutValidation.bestEpoch).toBe(6);
    expect(
      Buffer.from(withoutValidation.weights.embedding.buffer).equals(Buffer.from(result.weights.embedding.buffer)),
    ).toBe(true);
  });

  it('honours an abort signal between batches', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop now'));
    await expect(trainSparseBag({ ...input(specs[1]), signal: controller.signal })).rejects.toThrow('stop now');
  });

  it('refuses an empty training set', async () => {
    await expect(
      trainSparseBag({ ...input(specs[1]), train: { vectors: [], targets: new Int32Array(0) } }),
    ).rejects.toThrow('no training examples');
  });
});

describe('the TensorFlow.js forward pass', () => {
  it.each(specs)('agrees with the training path and the reference forward ($kind)', async (model) => {
    const result = await trainSparseBag(input(model, { epochs: 2 }));
    const vectors = validation.vectors.slice(0, 20);
    const tfjsModel = createTfjsModel(result.weights);
    const viaTfjs = tfjsModel.predict(packBatch(vectors));
    tfjsModel.dispose();
    const viaTraining = predictPooled(result.weights, vectors, 2);
    const reference = sparseBagForward(result.weights, packBatch(vectors));
    for (let i = 0; i < viaTfjs.length; i++) {
      expect(Math.abs((viaTfjs[i] ?? 0) - (viaTraining[i] ?? 0))).toBeLessThan(1e-5);
      expect(Math.abs((viaTfjs[i] ?? 0) - (reference[i] ?? 0))).toBeLessThan(1e-5);
    }
  });
});

describe('checkpoint encoding', () => {
  it('refuses bytes that are not a checkpoint, truncated or extended', async () => {
    let saved: Uint8Array = new Uint8Array();
    await trainSparseBag({
      ...input(specs[0], { epochs: 1 }),
      onEpoch: (_record, checkpoint) => {
        saved = encodeCheckpoint(checkpoint);
        return 'continue';
      },
    });
    expect(decodeCheckpoint(saved).epoch).toBe(1);
    expect(() => decodeCheckpoint(new TextEncoder().encode('not a checkpoint'))).toThrow('not a trainer checkpoint');
    expect(() => decodeCheckpoint(saved.subarray(0, saved.length - 4))).toThrow('truncated');
    const longer = new Uint8Array(saved.length + 4);
    longer.set(saved);
    expect(() => decodeCheckpoint(longer)).toThrow('trailing');
  });
});
