import {
  createRandom,
  exportSparseBagToOnnx,
  packBatch,
  randomSparseBagWeights,
  randomSparseVectors,
  sparseBagForward,
  type PackedBatch,
  type SparseVector,
} from '@mlops/ml';
import { describe, expect, it } from 'vitest';
import { OnnxClassifier } from './onnx-classifier.js';
import { checkParity, type ProbabilityModel } from './parity-check.js';

/** Two classes: the first probability is the row's first value, so the expected output is easy to write. */
function echoModel(batchSizes: number[]): ProbabilityModel {
  return {
    classes: 2,
    predict: (batch: PackedBatch) => {
      batchSizes.push(batch.size);
      const probabilities = new Float32Array(batch.size * 2);
      for (let row = 0; row < batch.size; row++) {
        const first = batch.values[row * batch.width] ?? 0;
        probabilities.set([first, 1 - first], row * 2);
      }
      return Promise.resolve(probabilities);
    },
  };
}

const vectors: SparseVector[] = Array.from({ length: 10 }, (_, index) => ({
  ids: Int32Array.of(1),
  values: Float32Array.of(index / 10),
}));
const expected = Float32Array.from(vectors.flatMap((vector) => [vector.values[0] ?? 0, 1 - (vector.values[0] ?? 0)]));

describe('checkParity', () => {
  it('runs the vectors in chunks of rowsPerRun and compares every row', async () => {
    const batchSizes: number[] = [];
    const comparison = await checkParity(echoModel(batchSizes), vectors, expected, { rowsPerRun: 4 });
    expect(batchSizes).toEqual([4, 4, 2]);
    expect(comparison).toMatchObject({ rows: 10, maxAbsDifference: 0, passed: true });
  });

  it('finds the row that differs', async () => {
    const shifted = expected.slice();
    shifted[14] = (shifted[14] ?? 0) + 0.01;
    const comparison = await checkParity(echoModel([]), vectors, shifted, { tolerance: 1e-3 });
    expect(comparison).toMatchObject({ worstRow: 7, passed: false, tolerance: 1e-3 });
  });

  it('refuses expected probabilities without one row per vector, and a chunk size below 1', async () => {
    await expect(checkParity(echoModel([]), vectors, expected.subarray(2))).rejects.toThrow(/18 expected .* 10 rows/);
    await expect(checkParity(echoModel([]), vectors, expected, { rowsPerRun: 0 })).rejects.toThrow(/rowsPerRun/);
  });

  it('passes an exported MLP against the reference forward pass over more rows than one run holds', async () => {
    const featureCount = 2_000;
    const weights = randomSparseBagWeights(createRandom(31), { kind: 'mlp', featureCount, classes: 5, hiddenSize: 32 });
    const labels = ['a', 'b', 'c', 'd', 'e'];
    const classifier = await OnnxClassifier.load(
      exportSparseBagToOnnx(weights, { modelName: 'parity', modelVersion: 1, labels }),
    );
    try {
      const testSet = randomSparseVectors(createRandom(32), { count: 600, featureCount, maxLength: 40 });
      const reference = sparseBagForward(weights, packBatch(testSet));
      const comparison = await checkParity(classifier, testSet, reference);
      expect(comparison).toMatchObject({ rows: 600, argmaxMismatches: 0, passed: true });
    } finally {
      await classifier.release();
    }
  });
});
