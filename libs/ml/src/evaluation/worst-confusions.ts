import type { WorstConfusion } from './evaluation-report.js';
import type { ClassIndices } from './predictions.js';

/** How many confusions to report, and how many examples of each. */
export interface WorstConfusionOptions {
  /** Number of (true, predicted) pairs; default 10. */
  readonly pairs?: number;
  /** Examples listed per pair; default 5. */
  readonly examplesPerPair?: number;
}

/** Everything `worstConfusions` reads about the predictions. */
export interface ConfusionInput {
  readonly labels: readonly string[];
  readonly truth: ClassIndices;
  readonly predicted: ClassIndices;
  readonly confidence: Float64Array;
  readonly ids: readonly string[];
}

/**
 * The `pairs` most frequent off-diagonal (true, predicted) pairs, the most frequent first (ties:
 * by true, then predicted label index), each with up to `examplesPerPair` example ids, the most
 * confident mistakes first (ties: by id).
 */
export function worstConfusions(input: ConfusionInput, options: WorstConfusionOptions = {}): WorstConfusion[] {
  const { pairs = 10, examplesPerPair = 5 } = options;
  for (const [name, value] of [
    ['pairs', pairs],
    ['examplesPerPair', examplesPerPair],
  ] as const) {
    if (!Number.isInteger(value) || value < 0)
      throw new RangeError(`${name} must be a non-negative integer, not ${value}`);
  }
  const { labels, truth, predicted, confidence, ids } = input;
  const mistakes = new Map<number, number[]>();
  truth.forEach((trueIndex, example) => {
    const predictedIndex = predicted[example] ?? 0;
    if (predictedIndex === trueIndex) return;
    const key = trueIndex * labels.length + predictedIndex;
    const examples = mistakes.get(key) ?? [];
    examples.push(example);
    mistakes.set(key, examples);
  });
  const byConfidence = (a: number, b: number): number => {
    const gap = (confidence[b] ?? 0) - (confidence[a] ?? 0);
    if (gap !== 0) return gap;
    const [idA, idB] = [ids[a] ?? '', ids[b] ?? ''];
    return idA < idB ? -1 : idA > idB ? 1 : 0;
  };
  return [...mistakes]
    .sort(([keyA, examplesA], [keyB, examplesB]) => examplesB.length - examplesA.length || keyA - keyB)
    .slice(0, pairs)
    .map(([key, examples]) => ({
      truth: labels[Math.floor(key / labels.length)] ?? '',
      predicted: labels[key % labels.length] ?? '',
      count: examples.length,
      examples: examples
        .sort(byConfidence)
        .slice(0, examplesPerPair)
        .map((example) => ({ id: ids[example] ?? '', confidence: confidence[example] ?? 0 })),
    }));
}
