import type { Tokenizer } from '@mlops/text';
import type { SparseVector } from '../core/sparse-vector.js';
import { restoreCharNgrams } from './char-ngrams.js';
import {
  featureLayout,
  placedSources,
  type FeatureLayout,
  type PlacedSource,
  type TokenFeatureParts,
} from './feature-layout.js';
import { FeaturizerStateError } from './featurizer-state.js';
import { createMeanWeighting, type MeanWeighting } from './mean-weighting.js';
import { restoreNumericScaler, type NumericScaler } from './numeric-scaler.js';
import { restoreTfIdf, type TfIdfWeighting } from './tfidf-weighting.js';
import type { TextFeaturizerState } from './text-featurizer-state.js';
import { restoreVocabulary } from './vocabulary.js';
import { restoreWordNgrams } from './word-ngrams.js';

/** The parts of a text featurizer rebuilt from its state, placed in one id space. */
export interface TextFeaturizerParts {
  readonly parts: TokenFeatureParts;
  readonly sources: readonly PlacedSource[];
  readonly layout: FeatureLayout;
  readonly weighting: TfIdfWeighting | MeanWeighting;
  readonly numeric: NumericScaler | null;
}

/**
 * Rebuilds every part of a text featurizer from a validated state, tokenising with `tokenizer`,
 * and checks that they fit together. Throws `FeaturizerStateError` when they do not.
 */
export function restoreTextFeaturizerParts(state: TextFeaturizerState, tokenizer: Tokenizer): TextFeaturizerParts {
  const parts: TokenFeatureParts = {
    vocabulary: restoreVocabulary(state.vocabulary, tokenizer),
    wordNgrams: state.wordNgrams && restoreWordNgrams(state.wordNgrams, tokenizer),
    charNgrams: state.charNgrams && restoreCharNgrams(state.charNgrams, tokenizer),
  };
  const numeric = state.numeric && restoreNumericScaler(state.numeric);
  const layout = featureLayout(parts, numeric?.dimension ?? 0);
  return {
    parts,
    sources: placedSources(parts, layout),
    layout,
    weighting: restoreWeighting(state.weighting, layout.numeric.start),
    numeric,
  };
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
export function appendShifted(head: SparseVector, tail: SparseVector, offset: number): SparseVector {
  if (tail.ids.length === 0) return head;
  const ids = new Int32Array(head.ids.length + tail.ids.length);
  const values = new Float32Array(ids.length);
  ids.set(head.ids);
  values.set(head.values);
  for (let index = 0; index < tail.ids.length; index++) ids[head.ids.length + index] = (tail.ids[index] ?? 0) + offset;
  values.set(tail.values, head.ids.length);
  return { ids, values };
}
