import {
  createTokenizer,
  createTokenizerFromSpec,
  tokenizerSpec,
  tokenizerSpecSchema,
  type Tokenizer,
} from '@mlops/text';
import { z } from 'zod';
import type { SparseVector } from '../core/sparse-vector.js';
import { charNgramsComponentStateSchema, createCharNgrams, restoreCharNgrams } from './char-ngrams.js';
import { FeatureIdCollector } from './feature-id-collector.js';
import { featureLayout, placedSources, type FeatureLayout, type TokenFeatureParts } from './feature-layout.js';
import { featurizerSpecSchema, type FeaturizerSpec, type FeaturizerSpecInput } from './featurizer-spec.js';
import { FeaturizerStateError, parseFeaturizerState } from './featurizer-state.js';
import { createMeanWeighting, meanWeightingStateSchema, type MeanWeighting } from './mean-weighting.js';
import {
  fitNumericScaler,
  numericScalerStateSchema,
  restoreNumericScaler,
  type NumericValues,
} from './numeric-scaler.js';
import {
  restoreTfIdf,
  tfIdfFromDocumentFrequencies,
  tfIdfStateSchema,
  type TfIdfWeighting,
} from './tfidf-weighting.js';
import { tokenValues } from './token-feature-source.js';
import { tokenizeCorpus, type TokenizedCorpus } from './tokenized-corpus.js';
import { trainingDocumentFrequencies } from './training-document-frequencies.js';
import { restoreVocabulary, selectVocabulary, vocabularyComponentStateSchema, type Vocabulary } from './vocabulary.js';
import { createWordNgrams, restoreWordNgrams, wordNgramsComponentStateSchema } from './word-ngrams.js';

/** The stored state of a text featurizer: one tokeniser spec, then the state of every part. */
export const textFeaturizerStateSchema = z.strictObject({
  kind: z.literal('text-featurizer'),
  version: z.literal(1),
  tokenizer: tokenizerSpecSchema,
  vocabulary: vocabularyComponentStateSchema,
  wordNgrams: wordNgramsComponentStateSchema.nullable(),
  charNgrams: charNgramsComponentStateSchema.nullable(),
  weighting: z.discriminatedUnion('kind', [tfIdfStateSchema, meanWeightingStateSchema]),
  numeric: numericScalerStateSchema.nullable(),
});
/** The stored state of a text featurizer. */
export type TextFeaturizerState = z.output<typeof textFeaturizerStateSchema>;

/** What a text featurizer reads from one example: a `LabelledExample` is one. */
export interface FeaturizerInput {
  readonly text: string;
  readonly numeric?: NumericValues;
}

/** Token statistics of one text, for drift monitoring. */
export interface TextStatistics {
  /** Number of tokens. */
  readonly tokens: number;
  /** Share of the tokens outside the vocabulary; 0 for a text without tokens. */
  readonly outOfVocabularyRate: number;
}

/**
 * Turns a text (and its numeric features) into one sparse vector, the model input. Ids come from
 * disjoint ranges (`layout`): vocabulary words, word n-grams, character n-grams, numeric features.
 * The text features are weighted together (mean or TF-IDF); numeric features are appended scaled.
 */
export interface TextFeaturizer {
  /** The spec it was fitted with, defaults applied. */
  readonly spec: FeaturizerSpec;
  readonly tokenizer: Tokenizer;
  readonly vocabulary: Vocabulary;
  /** Total number of feature ids: every vector's ids are in [0, dimension). */
  readonly dimension: number;
  readonly layout: FeatureLayout;
  /** The features of a text: ids ascending and unique; empty when the text has none. */
  transform(text: string, numeric?: NumericValues): SparseVector;
  /** Token count and out-of-vocabulary rate of a text. */
  describe(text: string): TextStatistics;
  /** `transform` and `describe` together, tokenising the text once (serving monitors every text it answers). */
  transformDescribed(text: string, numeric?: NumericValues): { vector: SparseVector; statistics: TextStatistics };
  /** The state to store in a model manifest, plain JSON. */
  toJSON(): TextFeaturizerState;
}

/**
 * Fits a text featurizer on the training examples only: validates the spec (ZodError when it is
 * wrong), tokenises every text once, chooses the vocabulary, then counts the TF-IDF document
 * frequencies and fits the numeric scaler. Deterministic: the same spec and examples give the
 * same state.
 */
export function fitTextFeaturizer(spec: FeaturizerSpecInput, examples: readonly FeaturizerInput[]): TextFeaturizer {
  const parsed = featurizerSpecSchema.parse(spec);
  const tokenizer = createTokenizer(parsed.tokenizer);
  const corpus = tokenizeCorpus(
    tokenizer,
    examples.map(({ text }) => text),
  );
  const tokenCounts = corpus.tokens.map((token, index): [string, number] => [token, corpus.counts[index] ?? 0]);
  const parts: TokenFeatureParts = {
    vocabulary: selectVocabulary(tokenCounts, parsed.vocabulary, tokenizer),
    wordNgrams: parsed.wordNgrams && createWordNgrams(parsed.wordNgrams, tokenizer),
    charNgrams: parsed.charNgrams && createCharNgrams(parsed.charNgrams, tokenizer),
  };
  const weighting = fitWeighting(parsed.weighting, corpus, parts);
  const numeric =
    parsed.numeric &&
    fitNumericScaler(
      parsed.numeric,
      examples.map((example) => example.numeric),
    );
  return restoreTextFeaturizer({
    kind: 'text-featurizer',
    version: 1,
    tokenizer: tokenizerSpec(tokenizer),
    vocabulary: withoutTokenizer(parts.vocabulary.toJSON()),
    wordNgrams: parts.wordNgrams && withoutTokenizer(parts.wordNgrams.toJSON()),
    charNgrams: parts.charNgrams && withoutTokenizer(parts.charNgrams.toJSON()),
    weighting: weighting.toJSON(),
    numeric: numeric?.toJSON() ?? null,
  });
}

/**
 * Rebuilds a text featurizer from its stored state. Throws `FeaturizerStateError` when the state
 * is malformed or inconsistent, `TokenizerVersionError` when it needs other tokenisation rules.
 */
export function textFeaturizerFromJSON(json: unknown): TextFeaturizer {
  return restoreTextFeaturizer(parseFeaturizerState(textFeaturizerStateSchema, json, 'text featurizer'));
}

/**
 * Rebuilds a text featurizer from a state already validated by its schema (the featurizer of a
 * manifest `readManifest` returned), without validating it a second time; its consistency is
 * still checked. Serving uses it: validating a 312k-feature state a second time took ~15 ms of a model load.
 */
export function textFeaturizerFromState(state: TextFeaturizerState): TextFeaturizer {
  return restoreTextFeaturizer(state);
}

function restoreTextFeaturizer(state: TextFeaturizerState): TextFeaturizer {
  const tokenizer = createTokenizerFromSpec(state.tokenizer);
  const parts: TokenFeatureParts = {
    vocabulary: restoreVocabulary(state.vocabulary, tokenizer),
    wordNgrams: state.wordNgrams && restoreWordNgrams(state.wordNgrams, tokenizer),
    charNgrams: state.charNgrams && restoreCharNgrams(state.charNgrams, tokenizer),
  };
  const numeric = state.numeric && restoreNumericScaler(state.numeric);
  const layout = featureLayout(parts, numeric?.dimension ?? 0);
  const numericStart = layout.numeric.start;
  const weighting = restoreWeighting(state.weighting, numericStart);
  const sources = placedSources(parts, layout);
  const collector = new FeatureIdCollector();
  const { vocabulary } = parts;
  const vectorOf = (tokens: readonly string[], values: NumericValues | undefined): SparseVector => {
    for (const { source, offset } of sources) source.collect(tokens, collector, offset);
    const textVector = weighting.weigh(collector.counts());
    return numeric ? appendShifted(textVector, numeric.transform(values), numericStart) : textVector;
  };
  const statisticsOf = (tokens: readonly string[]): TextStatistics => {
    let outOfVocabulary = 0;
    for (const token of tokens) if (vocabulary.idOf(token) === undefined) outOfVocabulary++;
    return { tokens: tokens.length, outOfVocabularyRate: tokens.length > 0 ? outOfVocabulary / tokens.length : 0 };
  };
  return {
    spec: specOf(state),
    tokenizer,
    vocabulary,
    dimension: numericStart + layout.numeric.size,
    layout,
    transform(text, values) {
      return vectorOf(tokenValues(tokenizer, text), values);
    },
    describe(text) {
      return statisticsOf(tokenValues(tokenizer, text));
    },
    transformDescribed(text, values) {
      const tokens = tokenValues(tokenizer, text);
      return { vector: vectorOf(tokens, values), statistics: statisticsOf(tokens) };
    },
    toJSON: () => ({
      ...state,
      tokenizer: tokenizerSpec(tokenizer),
      vocabulary: withoutTokenizer(vocabulary.toJSON()),
      weighting: weighting.toJSON(),
      numeric: numeric?.toJSON() ?? null,
    }),
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

function restoreWeighting(state: TextFeaturizerState['weighting'], dimension: number): TfIdfWeighting | MeanWeighting {
  if (state.kind === 'mean') return createMeanWeighting();
  const weighting = restoreTfIdf(state);
  if (weighting.dimension !== dimension) {
    throw new FeaturizerStateError(
      `invalid text featurizer state: TF-IDF dimension ${weighting.dimension} differs from the text features' ${dimension}`,
    );
  }
  return weighting;
}

/** `head` followed by `tail` with its ids shifted by `offset` (all above `head`'s ids). */
function appendShifted(head: SparseVector, tail: SparseVector, offset: number): SparseVector {
  if (tail.ids.length === 0) return head;
  const ids = new Int32Array(head.ids.length + tail.ids.length);
  const values = new Float32Array(ids.length);
  ids.set(head.ids);
  values.set(head.values);
  for (let index = 0; index < tail.ids.length; index++) ids[head.ids.length + index] = (tail.ids[index] ?? 0) + offset;
  values.set(tail.values, head.ids.length);
  return { ids, values };
}

function withoutTokenizer<State extends { tokenizer: unknown }>(state: State): Omit<State, 'tokenizer'> {
  const { tokenizer: _tokenizer, ...rest } = state;
  return rest;
}

function specOf(state: TextFeaturizerState): FeaturizerSpec {
  const { weighting, numeric } = state;
  return {
    tokenizer: { ...state.tokenizer.options },
    vocabulary: { minCount: state.vocabulary.minCount, maxSize: state.vocabulary.maxSize },
    wordNgrams: state.wordNgrams && { maxN: state.wordNgrams.maxN, buckets: state.wordNgrams.buckets },
    charNgrams: state.charNgrams && {
      minN: state.charNgrams.minN,
      maxN: state.charNgrams.maxN,
      buckets: state.charNgrams.buckets,
    },
    weighting:
      weighting.kind === 'mean'
        ? { kind: 'mean' }
        : { kind: 'tfidf', sublinearTf: weighting.sublinearTf, smoothIdf: weighting.smoothIdf, norm: weighting.norm },
    numeric: numeric && { features: numeric.features.map(({ name }) => name) },
  };
}
