import type { Tokenizer } from '@mlops/text';
import type { SparseVector } from '../core/sparse-vector.js';
import { FeatureIdCollector } from './feature-id-collector.js';
import type { FeatureSink } from './feature-sink.js';

/**
 * A sequence of token values in typed arrays, as the sources hash them: token `i` is the UTF-16
 * code units `chars[valueStarts[i] .. valueEnds[i])`, with their 32-bit FNV-1a hash and their
 * vocabulary id (-1 out of the vocabulary). `HashedTokens` is one per text.
 */
export interface TokenView {
  readonly count: number;
  readonly chars: Uint16Array;
  readonly valueStarts: Int32Array;
  readonly valueEnds: Int32Array;
  readonly hashes: Int32Array;
  readonly vocabularyIds: Int32Array;
}

/**
 * The part of a featurizer that maps the token values of one text to feature ids in
 * `[0, dimension)`. The text featurizer tokenises once and lets every source add its ids.
 */
export interface TokenFeatureSource {
  /** How many feature ids the source can produce. */
  readonly dimension: number;
  /** Adds one id per feature occurrence in `tokens`, shifted by `offset`, to the sink. */
  collect(tokens: readonly string[], sink: FeatureSink, offset: number): void;
  /** `collect` of tokens in typed arrays: the same ids, no string per token. */
  collectHashed(tokens: TokenView, sink: FeatureSink, offset: number): void;
}

/** The token values of a text, as the tokeniser gives them. */
export function tokenValues(tokenizer: Tokenizer, text: string): string[] {
  return tokenizer.tokenize(text).map((token) => token.text);
}

/**
 * The `transform` of a standalone source: tokenises a text and counts the source's features in
 * it. The collector is made on first use, so a source inside a text featurizer never makes one.
 */
export function sourceTransform(
  tokenizer: Tokenizer,
  source: () => TokenFeatureSource,
): (text: string) => SparseVector {
  let collector: FeatureIdCollector | undefined;
  return (text) => {
    const featureSource = source();
    collector ??= new FeatureIdCollector();
    featureSource.collect(tokenValues(tokenizer, text), collector, 0);
    return collector.counts();
  };
}
