import {
  compareProbabilities,
  createRandom,
  exportSparseBagToOnnx,
  packBatch,
  randomSparseBagWeights,
  randomSparseVectors,
  sparseBagForward,
  type PackedBatch,
  type SparseBagKind,
  type SparseBagWeights,
} from '@mlops/ml';
import { afterAll, describe, expect, it } from 'vitest';
import { OnnxClassifier } from './onnx-classifier.js';

const featureCount = 500;
const labels = ['invoice', 'receipt', 'contract', 'letter'];
const exportOptions = { modelName: 'documents', modelVersion: 2, labels };
const opened: OnnxClassifier[] = [];

function weightsOf(kind: SparseBagKind, seed = 11): SparseBagWeights {
  return randomSparseBagWeights(createRandom(seed), { kind, featureCount, classes: labels.length, hiddenSize: 16 });
}

async function load(weights: SparseBagWeights, options: Parameters<typeof OnnxClassifier.load>[1] = {}) {
  const classifier = await OnnxClassifier.load(exportSparseBagToOnnx(weights, exportOptions), options);
  opened.push(classifier);
  return classifier;
}

/** Rows of every length up to 12, so most are padded, with an empty (all padding) row first. */
function mixedBatch(seed: number): PackedBatch {
  const vectors = randomSparseVectors(createRandom(seed), { count: 48, featureCount, maxLength: 12 });
  return packBatch([{ ids: new Int32Array(), values: new Float32Array() }, ...vectors]);
}

function replaceAscii(bytes: Uint8Array, from: string, to: string): Uint8Array {
  const source = Buffer.from(bytes).toString('latin1');
  return Uint8Array.from(Buffer.from(source.replaceAll(from, to), 'latin1'));
}

afterAll(async () => {
  await Promise.all(opened.map((classifier) => classifier.release()));
});

describe('OnnxClassifier', () => {
  it.each<SparseBagKind>(['embedding-bag', 'linear', 'mlp'])(
    'reproduces the reference forward pass of the %s shape within 1e-5, padding and empty rows included',
    async (kind) => {
      const weights = weightsOf(kind);
      const classifier = await load(weights);
      const batch = mixedBatch(21);
      expect(batch.ids.slice(0, batch.width).every((id) => id === 0)).toBe(true);
      const comparison = compareProbabilities(sparseBagForward(weights, batch), await classifier.predict(batch), 4);
      expect(comparison).toMatchObject({ rows: 49, argmaxMismatches: 0, passed: true });
    },
  );

  it('gives an all-padding batch the probabilities of the biases alone', async () => {
    const weights = weightsOf('mlp');
    const classifier = await load(weights);
    const batch = packBatch([{ ids: new Int32Array(), values: new Float32Array() }]);
    expect(batch).toMatchObject({ size: 1, width: 1 });
    const comparison = compareProbabilities(sparseBagForward(weights, batch), await classifier.predict(batch), 4);
    expect(comparison.passed).toBe(true);
  });

  it.each(['none', 'basic', 'all'] as const)(
    'gives the same probabilities with %s graph optimisation',
    async (level) => {
      const weights = weightsOf('embedding-bag', 5);
      const classifier = await load(weights, { graphOptimization: level, intraOpThreads: 2, interOpThreads: 2 });
      const batch = mixedBatch(8);
      const comparison = compareProbabilities(sparseBagForward(weights, batch), await classifier.predict(batch), 4);
      expect(comparison.passed).toBe(true);
    },
  );

  it('exposes the labels, the class count and the metadata of the model', async () => {
    const classifier = await load(weightsOf('linear'));
    expect(classifier.classes).toBe(4);
    expect(classifier.labels).toEqual(labels);
    expect(classifier.metadata).toMatchObject({ modelName: 'documents', modelVersion: 2 });
  });

  it('answers an empty batch with no probabilities, and refuses a batch whose arrays do not match its shape', async () => {
    const classifier = await load(weightsOf('linear'));
    expect(await classifier.predict(packBatch([]))).toEqual(new Float32Array());
    const batch = mixedBatch(3);
    await expect(classifier.predict({ ...batch, size: batch.size + 1 })).rejects.toThrow(RangeError);
  });

  it('rejects ids outside the feature range', async () => {
    const classifier = await load(weightsOf('linear'));
    const batch = packBatch([{ ids: Int32Array.of(featureCount), values: Float32Array.of(1) }]);
    await expect(classifier.predict(batch)).rejects.toThrow();
  });

  it('refuses to predict once released, and releases only once', async () => {
    const classifier = await OnnxClassifier.load(exportSparseBagToOnnx(weightsOf('linear'), exportOptions));
    await classifier.release();
    await classifier.release();
    await expect(classifier.predict(mixedBatch(1))).rejects.toThrow(/documents classifier has been released/);
  });

  it('refuses bytes that are not an exported model', async () => {
    await expect(OnnxClassifier.load(new TextEncoder().encode('not a model'))).rejects.toThrow();
  });

  it('refuses a model whose output is not named probabilities', async () => {
    const bytes = replaceAscii(
      exportSparseBagToOnnx(weightsOf('linear'), exportOptions),
      'probabilities',
      'probabilitieZ',
    );
    await expect(OnnxClassifier.load(bytes)).rejects.toThrow(/expected \(ids, values\) -> \(probabilities\)/);
  });

  it('refuses a model whose labels do not match its output width', async () => {
    const weights = randomSparseBagWeights(createRandom(2), {
      kind: 'linear',
      featureCount,
      classes: 2,
      hiddenSize: 0,
    });
    const exported = exportSparseBagToOnnx(weights, { ...exportOptions, labels: ['abcd', 'ef'] });
    const bytes = replaceAscii(exported, '["abcd","ef"]', '["a","b","c"]');
    await expect(OnnxClassifier.load(bytes)).rejects.toThrow(/outputs 2 probabilities per row for 3 labels/);
  });

  it('refuses invalid session options', async () => {
    await expect(load(weightsOf('linear'), { intraOpThreads: 0 })).rejects.toThrow();
  });
});
