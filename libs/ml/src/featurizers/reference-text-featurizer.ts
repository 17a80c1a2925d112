import { createTokenizerFromSpec, referenceTokenizer, type Tokenizer } from '@mlops/text';
import type { SparseVector } from '../core/sparse-vector.js';
import { featurizerSpecSchema, type FeaturizerSpecInput } from './featurizer-spec.js';
import { parseFeaturizerState } from './featurizer-state.js';
import type { NumericValues } from './numeric-scaler.js';
import {
  referenceDocumentFrequencies,
  referenceSelectVocabulary,
  referenceTokenizeCorpus,
} from './reference-fit-steps.js';
import { ReferenceIdCounter } from './reference-id-counter.js';
import { referenceWeigh } from './reference-weighting.js';
import { fitTextFeaturizerState } from './text-featurizer-fit.js';
import { appendShifted, restoreTextFeaturizerParts } from './text-featurizer-parts.js';
import { textFeaturizerStateSchema, type FeaturizerInput, type TextFeaturizerState } from './text-featurizer-state.js';

/**
 * The text featurizer as first written: the regular-expression tokeniser (`referenceTokenizer`),
 * one string per token value, each part collecting ids from the strings (vocabulary `Map`, n-gram
 * hashes over the strings), ids counted by `Int32Array` sort, then weighted. It gives the vectors
 * `TextFeaturizer` gives; differential tests and the featurize benchmark compare them.
 */
export interface ReferenceTextFeaturizer {
  readonly state: TextFeaturizerState;
  /** The reference tokeniser of the state's options. */
  readonly tokenizer: Tokenizer;
  transform(text: string, numeric?: NumericValues): SparseVector;
}

/** The reference featurizer of a stored text featurizer state; throws as `textFeaturizerFromJSON` does. */
export function referenceTextFeaturizer(json: unknown): ReferenceTextFeaturizer {
  return restoreReference(parseFeaturizerState(textFeaturizerStateSchema, json, 'text featurizer'));
}

function restoreReference(state: TextFeaturizerState): ReferenceTextFeaturizer {
  const tokenizer = referenceTokenizer(createTokenizerFromSpec(state.tokenizer).options);
  const { sources, layout, weighting, numeric } = restoreTextFeaturizerParts(state, tokenizer);
  const weigh = referenceWeigh(state.weighting, weighting);
  const counter = new ReferenceIdCounter();
  return {
    state,
    tokenizer,
    transform(text, values) {
      const tokens = tokenizer.tokenize(text).map((token) => token.text);
      for (const { source, offset } of sources) source.collect(tokens, counter, offset);
      const textVector = weigh(counter.counts());
      return numeric ? appendShifted(textVector, numeric.transform(values), layout.numeric.start) : textVector;
    },
  };
}

/**
 * Fits a text featurizer as `fitTextFeaturizer` first did (reference tokeniser and the counting
 * steps of reference-fit-steps.ts); returns its reference featurizer.
 */
export function fitReferenceTextFeaturizer(
  spec: FeaturizerSpecInput,
  examples: readonly FeaturizerInput[],
): ReferenceTextFeaturizer {
  const parsed = featurizerSpecSchema.parse(spec);
  return restoreReference(
    fitTextFeaturizerState(parsed, examples, referenceTokenizer(parsed.tokenizer), {
      tokenizeCorpus: referenceTokenizeCorpus,
      selectVocabulary: referenceSelectVocabulary,
      documentFrequencies: referenceDocumentFrequencies,
    }),
  );
}
