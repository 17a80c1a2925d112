import { tokenizerSpecSchema } from '@mlops/text';
import { z } from 'zod';
import { charNgramsComponentStateSchema } from './char-ngrams.js';
import { meanWeightingStateSchema } from './mean-weighting.js';
import { numericScalerStateSchema, type NumericValues } from './numeric-scaler.js';
import { tfIdfStateSchema } from './tfidf-weighting.js';
import { vocabularyComponentStateSchema } from './vocabulary.js';
import { wordNgramsComponentStateSchema } from './word-ngrams.js';

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

/** A part's state without the tokeniser spec, which the text featurizer stores once for all parts. */
export function withoutTokenizer<State extends { tokenizer: unknown }>(state: State): Omit<State, 'tokenizer'> {
  const { tokenizer: _tokenizer, ...rest } = state;
  return rest;
}
