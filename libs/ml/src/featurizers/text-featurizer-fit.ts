import { tokenizerSpec, type Tokenizer } from '@mlops/text';
import { createCharNgrams } from './char-ngrams.js';
import type { TokenFeatureParts } from './feature-layout.js';
import type { FeaturizerSpec } from './featurizer-spec.js';
import { createMeanWeighting } from './mean-weighting.js';
import { fitNumericScaler } from './numeric-scaler.js';
import { tfIdfFromDocumentFrequencies, type TfIdfWeighting } from './tfidf-weighting.js';
import { withoutTokenizer, type FeaturizerInput, type TextFeaturizerState } from './text-featurizer-state.js';
import type { DocumentFrequencies } from './tfidf-weighting.js';
import { tokenizeCorpus, type HashedCorpus, type TokenizedCorpus } from './tokenized-corpus.js';
import { trainingDocumentFrequencies } from './training-document-frequencies.js';
import { selectVocabulary } from './vocabulary.js';
import { createWordNgrams } from './word-ngrams.js';

/** How a fit tokenises the training texts, chooses the vocabulary and counts document frequencies. */
export interface FitSteps<Corpus extends TokenizedCorpus> {
  tokenizeCorpus(tokenizer: Tokenizer, texts: Iterable<string>): Corpus;
  selectVocabulary: typeof selectVocabulary;
  documentFrequencies(corpus: Corpus, parts: TokenFeatureParts): DocumentFrequencies;
}

/** The text featurizer's own steps: the corpus interned from code units and hashes. */
export const FIT_STEPS: FitSteps<HashedCorpus> = {
  tokenizeCorpus,
  selectVocabulary,
  documentFrequencies: trainingDocumentFrequencies,
};

/**
 * The state of a text featurizer fitted on the training examples with a parsed spec and the
 * tokeniser of its options: tokenises every text once, chooses the vocabulary, then counts the
 * TF-IDF document frequencies and fits the numeric scaler. Deterministic. `steps` are `FIT_STEPS`
 * unless a reference fit brings others that count the same.
 */
export function fitTextFeaturizerState<Corpus extends TokenizedCorpus>(
  spec: FeaturizerSpec,
  examples: readonly FeaturizerInput[],
  tokenizer: Tokenizer,
  steps: FitSteps<Corpus>,
): TextFeaturizerState {
  const corpus = steps.tokenizeCorpus(
    tokenizer,
    examples.map(({ text }) => text),
  );
  const tokenCounts = corpus.tokens.map((token, index): [string, number] => [token, corpus.counts[index] ?? 0]);
  const parts: TokenFeatureParts = {
    vocabulary: steps.selectVocabulary(tokenCounts, spec.vocabulary, tokenizer),
    wordNgrams: spec.wordNgrams && createWordNgrams(spec.wordNgrams, tokenizer),
    charNgrams: spec.charNgrams && createCharNgrams(spec.charNgrams, tokenizer),
  };
  const weighting =
    spec.weighting.kind === 'mean'
      ? createMeanWeighting()
      : fitTfIdf(spec.weighting, steps.documentFrequencies(corpus, parts));
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

function fitTfIdf(
  spec: Extract<FeaturizerSpec['weighting'], { kind: 'tfidf' }>,
  frequencies: DocumentFrequencies,
): TfIdfWeighting {
  const { kind: _kind, ...options } = spec;
  return tfIdfFromDocumentFrequencies(frequencies, options);
}
