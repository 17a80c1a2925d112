import { checkParity, OnnxClassifier } from '@mlops/model-runtime';
import type { ProbabilityComparison, SparseVector } from '@mlops/ml';

/**
 * The export check of a training run: loads the exported model in ONNX Runtime (CPU) and compares
 * its probabilities on the test rows with TensorFlow.js's.
 */
export async function checkWithOnnxRuntime(
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
