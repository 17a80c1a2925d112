import type { EvaluationSections } from './manifest-sections.js';
import { available, missing, notInManifest } from './part.js';
import type { ExampleText } from './report-input.js';
import type { ErrorExamples, Part } from './view-model.js';

/** How many confusions and examples per confusion the errors slide lists. */
export const ERROR_LIMITS = { pairs: 6, examplesPerPair: 3 } as const;

/**
 * The worst confusions with their most confident examples; the texts come from the caller (the
 * dataset), matched by id, and are null where not given.
 */
export function buildErrors(
  test: EvaluationSections | undefined,
  examples: readonly ExampleText[] | undefined,
): Part<ErrorExamples> {
  const worst = test?.worstConfusions;
  if (!test || !worst) return missing(notInManifest('list of worst confusions'));
  const texts = new Map((examples ?? []).map((example) => [example.id, example.text]));
  return available({
    pairs: worst.slice(0, ERROR_LIMITS.pairs).map((pair) => ({
      truth: pair.truth,
      predicted: pair.predicted,
      count: pair.count,
      examples: pair.examples.slice(0, ERROR_LIMITS.examplesPerPair).map((example) => ({
        id: example.id,
        confidence: example.confidence,
        text: texts.get(example.id) ?? null,
      })),
    })),
    textsAvailable: examples !== undefined && examples.length > 0,
  });
}
