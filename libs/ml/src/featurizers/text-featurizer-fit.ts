import { tokenizerSpec, type Tokenizer } from '@mlops/text';
import { createCharNgrams } from './char-ngrams.js';
import type { TokenFeatureParts } from './feature-layout.js';
import type { FeaturizerSpec } from './featurizer-spec.js';
import { createMeanWeighting, type MeanWeighting } from './mean-weighting.js';
import { fitNumericScaler } from './numeric-scaler.js';
import { tfIdfFromDocumentFrequencies, type TfIdfWeighting } from './tfidf-weighting.js';
import { withoutTokenizer, type FeaturizerInput, type TextFeaturizerState } from './text-featurizer-state.js';
import { tokenizeCorpus, type TokenizedCorpus } from './tokenized-corpus.js';
import { trainingDocumentFrequencies } from './training-document-frequencies.js';
import { selectVocabulary } from './vocabulary.js';
import { createWordNgrams } from './word-ngrams.js';

/**
 * The state of a text featurizer fitted on the training examples with a parsed spec and the
 * tokeniser of its options: tokenises every text once, chooses the vocabulary, then counts the
 * TF-IDF document frequencies and fits the numeric scaler. Deterministic.
 */
export function fitTextFeaturizerState(
  spec: FeaturizerSpec,
  examples: readonly FeaturizerInput[],
  tokenizer: Tokenizer,
): TextFeaturizerState {
  const corpus = tokenizeCorpus(
    tokenizer,
    examples.map(({ text }) => text),
  );
  const tokenCounts = corpus.tokens.map((token, index): [string, number] => [token, corpus.counts[index] ?? 0]);
  const parts: TokenFeatureParts = {
    vocabulary: selectVocabulary(tokenCounts, spec.vocabulary, tokenizer),
    wordNgrams: spec.wordNgrams && createWordNgrams(spec.wordNgrams, tokenizer),
    charNgrams: spec.charNgrams && createCharNgrams(spec.charNgrams, tokenizer),
  };
  const weighting = fitWeighting(spec.weighting, corpus, parts);
  const numeric =
    spec.numeric &&
    fitNumericScaler(
      spec.numeric,
      examples.map((example) => example.numeric),
    );
  return {
    kind: 'text-featurizer',
    version: 1,
    tokenizer: tokenizerSpec(tokenizer),
    vocabulary: withoutTokenizer(parts.vocabulary.toJSON()),
    wordNgrams: parts.wordNgrams && withoutTokenizer(parts.wordNgrams.toJSON()),
    charNgrams: parts.charNgrams && withoutTokenizer(parts.charNgrams.toJSON()),
    weighting: weighting.toJSON(),
    numeric: numeric?.toJSON() ?? null,
  };
}

function fitWeighting(
  spec: FeaturizerSpec['weighting'],
  corpus: TokenizedCorpus,
  parts: TokenFeatureParts,
): TfIdfWeighting | MeanWeighting {
  if (spec.kind === 'mean') return createMeanWeighting();
  const { kind: _kind, ...options } = spec;
  return tfIdfFromDocumentFrequencies(trainingDocumentFrequencies(corpus, parts), options);
}
