import { createTokenizer, createTokenizerFromSpec, tokenizerSpec, type Tokenizer } from '@mlops/text';
import type { SparseVector } from '../core/sparse-vector.js';
import { FeatureIdCollector } from './feature-id-collector.js';
import type { FeatureLayout } from './feature-layout.js';
import { featurizerSpecSchema, type FeaturizerSpec, type FeaturizerSpecInput } from './featurizer-spec.js';
import { parseFeaturizerState } from './featurizer-state.js';
import { HashedTokens } from './hashed-tokens.js';
import { AsciiFeaturizeKernel, KERNEL_MAX_TEXT_LENGTH, type KernelParts } from './kernel/ascii-featurize-kernel.js';
import type { NumericValues } from './numeric-scaler.js';
import { FIT_STEPS, fitTextFeaturizerState } from './text-featurizer-fit.js';
import { appendShifted, restoreTextFeaturizerParts, type TextFeaturizerParts } from './text-featurizer-parts.js';
import {
  textFeaturizerStateSchema,
  withoutTokenizer,
  type FeaturizerInput,
  type TextFeaturizerState,
} from './text-featurizer-state.js';
import { SUBLINEAR_TF } from './tfidf-weighting.js';
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

/** How a featurizer runs; its vectors are the same either way. */
export interface FeaturizerRuntimeOptions {
  /**
   * Featurize texts whose tokens are ASCII with the WebAssembly kernel (default true) when the
   * featurizer has no character n-grams; false keeps every text on the TypeScript path (benchmarks,
   * differential tests).
   */
  readonly asciiKernel?: boolean;
}

/**
 * Fits a text featurizer on the training examples only: validates the spec (ZodError when it is
 * wrong), tokenises every text once, chooses the vocabulary, then counts the TF-IDF document
 * frequencies and fits the numeric scaler. Deterministic: the same spec and examples give the
 * same state.
 */
export function fitTextFeaturizer(
  spec: FeaturizerSpecInput,
  examples: readonly FeaturizerInput[],
  options: FeaturizerRuntimeOptions = {},
): TextFeaturizer {
  const parsed = featurizerSpecSchema.parse(spec);
  return restoreTextFeaturizer(
    fitTextFeaturizerState(parsed, examples, createTokenizer(parsed.tokenizer), FIT_STEPS),
    options,
  );
}

/**
 * Rebuilds a text featurizer from its stored state. Throws `FeaturizerStateError` when the state
 * is malformed or inconsistent, `TokenizerVersionError` when it needs other tokenisation rules.
 */
export function textFeaturizerFromJSON(json: unknown, options: FeaturizerRuntimeOptions = {}): TextFeaturizer {
  return restoreTextFeaturizer(parseFeaturizerState(textFeaturizerStateSchema, json, 'text featurizer'), options);
}

/**
 * Rebuilds a text featurizer from a state already validated by its schema (the featurizer of a
 * manifest `readManifest` returned), without validating it a second time; its consistency is
 * still checked. Serving uses it: validating a 312k-feature state a second time took ~15 ms of a model load.
 */
export function textFeaturizerFromState(
  state: TextFeaturizerState,
  options: FeaturizerRuntimeOptions = {},
): TextFeaturizer {
  return restoreTextFeaturizer(state, options);
}

/** What the kernel computes for these parts, or null when they have a part it does not cover (character n-grams). */
function kernelParts({ parts, layout, weighting }: TextFeaturizerParts, tokenizer: Tokenizer): KernelParts | null {
  if (parts.charNgrams !== null || layout.vocabulary.start !== 0) return null;
  return {
    tokenizer: tokenizer.options,
    vocabulary: parts.vocabulary.tokens,
    vocabularySlots: parts.vocabulary.idSlots(),
    wordNgrams: parts.wordNgrams && {
      maxN: parts.wordNgrams.maxN,
      buckets: parts.wordNgrams.buckets,
      offset: layout.wordNgrams.start,
    },
    weighting:
      weighting.kind === 'mean'
        ? { kind: 'mean' }
        : {
            kind: 'tfidf',
            idfs: weighting.idfs,
            sublinearTf: weighting.sublinearTf,
            l2: weighting.norm === 'l2',
            sublinearTable: SUBLINEAR_TF,
          },
    dimension: layout.numeric.start,
  };
}

/**
 * The featurizer of a state. A text whose tokens are ASCII goes to the WebAssembly kernel (made
 * on first use) when the options allow and the parts are ones it covers. Any other text is tokenised into
 * reusable arrays (`HashedTokens`), every part adds its feature ids to one collector, and the
 * collector's sorted runs are weighted: one pass, no object or string per token for ASCII text,
 * and only the result vector allocated.
 */
function restoreTextFeaturizer(state: TextFeaturizerState, options: FeaturizerRuntimeOptions): TextFeaturizer {
  const tokenizer = createTokenizerFromSpec(state.tokenizer);
  const restored = restoreTextFeaturizerParts(state, tokenizer);
  const { parts, sources, layout, weighting, numeric } = restored;
  const numericStart = layout.numeric.start;
  const collector = new FeatureIdCollector(numericStart);
  const tokens = new HashedTokens();
  const { vocabulary } = parts;
  let kernel: AsciiFeaturizeKernel | null | undefined = options.asciiKernel === false ? null : undefined;
  let described: TextStatistics = { tokens: 0, outOfVocabularyRate: 0 };
  const describeAs = (count: number, outOfVocabulary: number): void => {
    described = { tokens: count, outOfVocabularyRate: count > 0 ? outOfVocabulary / count : 0 };
  };
  /**
   * The kernel's vector of a text (the kernel made on first use): from its own scan, or from the
   * TypeScript tokeniser's tokens when the text has characters only the Unicode rules handle. Null
   * when the TypeScript path has to take the text (no kernel, or a text longer than the kernel takes).
   */
  const kernelVectorOf = (text: string): SparseVector | null => {
    try {
      if (kernel === undefined) {
        const covered = kernelParts(restored, tokenizer);
        kernel = covered && AsciiFeaturizeKernel.create(covered);
      }
      if (!kernel) return null;
      let vector = kernel.transform(text);
      if (vector === null && text.length <= KERNEL_MAX_TEXT_LENGTH) {
        tokenizer.tokenizeInto(text, tokens.buffer);
        vector = kernel.transformTokens(tokens.buffer);
      }
      if (vector) describeAs(kernel.tokens, kernel.outOfVocabulary);
      return vector;
    } catch {
      // No WebAssembly (node --jitless), or its memory could not grow: the TypeScript path gives
      // the same vectors, and a kernel stopped mid-text is not used again.
      kernel = null;
      return null;
    }
  };
  const loadTokens = (text: string): void => {
    tokens.load(tokenizer, text, vocabulary);
    describeAs(tokens.count, tokens.outOfVocabulary);
  };
  /** The weighted text features (no numeric ones) of a text; `described` then describes it. */
  const textVectorOf = (text: string): SparseVector => {
    const fast = kernelVectorOf(text);
    if (fast) return fast;
    loadTokens(text);
    for (const { source, offset } of sources) source.collectHashed(tokens, collector, offset);
    const distinct = collector.runs();
    return weighting.weighRuns(collector.runIds, collector.runCounts, distinct);
  };
  const vectorOf = (text: string, values: NumericValues | undefined): SparseVector => {
    const textVector = textVectorOf(text);
    return numeric ? appendShifted(textVector, numeric.transform(values), numericStart) : textVector;
  };
  return {
    spec: specOf(state),
    tokenizer,
    vocabulary,
    dimension: numericStart + layout.numeric.size,
    layout,
    transform: vectorOf,
    describe(text) {
      if (kernelVectorOf(text) === null) loadTokens(text);
      return described;
    },
    transformDescribed(text, values) {
      const vector = vectorOf(text, values);
      return { statistics: described, vector };
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
