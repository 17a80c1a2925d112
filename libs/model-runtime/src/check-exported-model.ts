import type { ProbabilityComparison, SparseVector } from '@mlops/ml';
import { OnnxClassifier } from './onnx-classifier.js';
import { checkParity } from './parity-check.js';

/**
 * The export check of a training run (`checkExported` of libs/ml's pipeline): loads the exported
 * model in ONNX Runtime (CPU, one thread) and compares its probabilities on the test rows with the
 * expected ones (TensorFlow.js's).
 */
export async function checkExportedModel(
  onnx: Uint8Array,
  vectors: readonly SparseVector[],
  expected: Float32Array,
  tolerance: number,
): Promise<ProbabilityComparison> {
  const classifier = await OnnxClassifier.load(onnx, { intraOpThreads: 1 });
  try {
    return await checkParity(classifier, vectors, expected, { tolerance });
  } finally {
    await classifier.release();
  }
}
