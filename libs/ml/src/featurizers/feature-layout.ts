import type { CharNgrams } from './char-ngrams.js';
import type { TokenFeatureSource } from './token-feature-source.js';
import type { Vocabulary } from './vocabulary.js';
import type { WordNgrams } from './word-ngrams.js';

/** The parts of a text featurizer that turn tokens into features; `null` when turned off. */
export interface TokenFeatureParts {
  readonly vocabulary: Vocabulary;
  readonly wordNgrams: WordNgrams | null;
  readonly charNgrams: CharNgrams | null;
}

/** A block of consecutive feature ids. */
export interface FeatureRange {
  readonly start: number;
  readonly size: number;
}

/** Where each part's features sit in the id space, in this order; a part turned off has size 0. */
export interface FeatureLayout {
  readonly vocabulary: FeatureRange;
  readonly wordNgrams: FeatureRange;
  readonly charNgrams: FeatureRange;
  readonly numeric: FeatureRange;
}

/** A token feature source with the first id of its range. */
export interface PlacedSource {
  readonly source: TokenFeatureSource;
  readonly offset: number;
}

/** The layout of the parts, followed by `numericSize` numeric features. */
export function featureLayout(parts: TokenFeatureParts, numericSize: number): FeatureLayout {
  const vocabulary = { start: 0, size: parts.vocabulary.dimension };
  const wordNgrams = { start: vocabulary.start + vocabulary.size, size: parts.wordNgrams?.dimension ?? 0 };
  const charNgrams = { start: wordNgrams.start + wordNgrams.size, size: parts.charNgrams?.dimension ?? 0 };
  return {
    vocabulary,
    wordNgrams,
    charNgrams,
    numeric: { start: charNgrams.start + charNgrams.size, size: numericSize },
  };
}

/** The parts that are turned on, each with the first id of its range. */
export function placedSources(parts: TokenFeatureParts, layout: FeatureLayout): PlacedSource[] {
  const placed: PlacedSource[] = [{ source: parts.vocabulary, offset: layout.vocabulary.start }];
  if (parts.wordNgrams) placed.push({ source: parts.wordNgrams, offset: layout.wordNgrams.start });
  if (parts.charNgrams) placed.push({ source: parts.charNgrams, offset: layout.charNgrams.start });
  return placed;
}
