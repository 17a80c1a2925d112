import { tokenizerSpecSchema } from '@mlops/text';
import { z } from 'zod';
import { charNgramOptionsSchema } from './char-ngrams.js';
import { numericScalerOptionsSchema } from './numeric-scaler.js';
import { tfIdfOptionsSchema } from './tfidf-weighting.js';
import { vocabularyOptionsSchema } from './vocabulary.js';
import { wordNgramOptionsSchema } from './word-ngrams.js';

/** How feature counts become vector values. */
export const weightingSpecSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('mean') }).describe('fastText embedding bag: counts / total, values sum to 1'),
  tfIdfOptionsSchema.extend({ kind: z.literal('tfidf') }).describe('TF-IDF, scikit-learn formulas'),
]);

/**
 * What a text featurizer computes, as a training config states it. Every field is optional;
 * `{}` means: default tokeniser options, vocabulary of the 50,000 most frequent words seen at
 * least once, word bigrams hashed into 2^18 buckets, no character n-grams, TF-IDF with sublinear
 * tf, smoothed idf and L2 norm, no numeric features. `null` turns a part off.
 */
export const featurizerSpecSchema = z.strictObject({
  tokenizer: tokenizerSpecSchema.shape.options
    .prefault({})
    .describe('options of the @mlops/text tokeniser, the one the nlp service uses (defaults: its defaults)'),
  vocabulary: vocabularyOptionsSchema.prefault({}).describe('word unigrams with ids'),
  wordNgrams: wordNgramOptionsSchema
    .nullable()
    .prefault({})
    .describe('hashed word n-grams; null for none (default: bigrams into 2^18 buckets)'),
  charNgrams: charNgramOptionsSchema
    .nullable()
    .default(null)
    .describe('hashed character n-grams, e.g. { minN: 3, maxN: 5, buckets: 2^18 }; null for none (default null)'),
  weighting: weightingSpecSchema
    .prefault({ kind: 'tfidf' })
    .describe('mean (fastText) or tfidf (default tfidf, sublinear tf, smooth idf, l2 norm)'),
  numeric: numericScalerOptionsSchema
    .nullable()
    .default(null)
    .describe('named numeric features scaled and appended after the text features; null for none (default null)'),
});
/** A featurizer spec with its defaults applied. */
export type FeaturizerSpec = z.output<typeof featurizerSpecSchema>;
/** A featurizer spec as written, defaults optional. */
export type FeaturizerSpecInput = z.input<typeof featurizerSpecSchema>;
