import { TEST_EXCERPT_CHARS, testPredictionSchema } from '@mlops/contracts';
import type { TestPredictionRecord } from '@mlops/ml';
import type { ModelRegistry } from './model-registry.js';
import type { TestPredictionDocument } from './test-prediction.repository.js';

/**
 * Records a run's test predictions (replacing those of an earlier attempt): each example with
 * its labels, confidence and the start of its text, ranked most confident first.
 */
export async function recordTestPredictions(
  registry: ModelRegistry,
  runId: string,
  predictions: readonly TestPredictionRecord[],
): Promise<void> {
  const recordedAt = new Date();
  const ranked = [...predictions].sort(
    (a, b) => b.confidence - a.confidence || (a.documentId < b.documentId ? -1 : a.documentId > b.documentId ? 1 : 0),
  );
  const documents = ranked.map((prediction, rank): TestPredictionDocument => ({
    _id: `${runId}:${prediction.documentId}`,
    runId,
    rank,
    recordedAt,
    ...testPredictionSchema.parse({
      documentId: prediction.documentId,
      truth: prediction.truth,
      predicted: prediction.predicted,
      confidence: prediction.confidence,
      excerpt: excerptOf(prediction.text),
      textLength: prediction.text.length,
    }),
  }));
  await registry.testPredictions.replace(runId, documents);
}

/** The start of a text, never ending in half of a surrogate pair. */
function excerptOf(text: string): string {
  return text.slice(0, TEST_EXCERPT_CHARS).replace(/[\uD800-\uDBFF]$/, '');
}
