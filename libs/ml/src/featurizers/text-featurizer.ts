import { createTokenizer, createTokenizerFromSpec, tokenizerSpec, type Tokenizer } from '@mlops/text';
import type { SparseVector } from '../core/sparse-vector.js';
import { FeatureIdCollector } from './feature-id-collector.js';
import type { FeatureLayout } from './feature-layout.js';
import { featurizerSpecSchema, type FeaturizerSpec, type FeaturizerSpecInput } from './featurizer-spec.js';
import { parseFeaturizerState } from './featurizer-state.js';
import { HashedTokens } from './hashed-tokens.js';
import type { NumericValues } from './numeric-scaler.js';
import { FIT_STEPS, fitTextFeaturizerState } from './text-featurizer-fit.js';
import { appendShifted, restoreTextFeaturizerParts } from './text-featurizer-parts.js';
import {
  textFeaturizerStateSchema,
  withoutTokenizer,
  type FeaturizerInput,
  type TextFeaturizerState,
} from './text-featurizer-state.js';
import type { Vocabulary } from './vocabulary.js';

export { textFeaturizerStateSchema, type FeaturizerInput, type TextFeaturizerState } from './text-featurizer-state.js';

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
  return restoreTextFeaturizer(fitTextFeaturizerState(parsed, examples, createTokenizer(parsed.tokenizer), FIT_STEPS));
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

/**
 * The featurizer of a state. Each text is tokenised into reusable arrays (`HashedTokens`), every
 * part adds its feature ids to one collector, and the collector's sorted runs are weighted: one
 * pass, no object or string per token for ASCII text, and only the result vector allocated.
 */
function restoreTextFeaturizer(state: TextFeaturizerState): TextFeaturizer {
  const tokenizer = createTokenizerFromSpec(state.tokenizer);
  const { parts, sources, layout, weighting, numeric } = restoreTextFeaturizerParts(state, tokenizer);
  const numericStart = layout.numeric.start;
  const collector = new FeatureIdCollector(numericStart);
  const tokens = new HashedTokens();
  const { vocabulary } = parts;
  const vectorOf = (values: NumericValues | undefined): SparseVector => {
    for (const { source, offset } of sources) source.collectHashed(tokens, collector, offset);
    const distinct = collector.runs();
    const textVector = weighting.weighRuns(collector.runIds, collector.runCounts, distinct);
    return numeric ? appendShifted(textVector, numeric.transform(values), numericStart) : textVector;
  };
  const statistics = (): TextStatistics => ({
    tokens: tokens.count,
    outOfVocabularyRate: tokens.count > 0 ? tokens.outOfVocabulary / tokens.count : 0,
  });
  return {
    spec: specOf(state),
    tokenizer,
    vocabulary,
    dimension: numericStart + layout.numeric.size,
    layout,
    transform(text, values) {
      tokens.load(tokenizer, text, vocabulary);
      return vectorOf(values);
    },
    describe(text) {
      tokens.load(tokenizer, text, vocabulary);
      return statistics();
    },
    transformDescribed(text, values) {
      tokens.load(tokenizer, text, vocabulary);
      return { statistics: statistics(), vector: vectorOf(values) };
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
