import {
  createTokenizer,
  createTokenizerFromSpec,
  tokenizerSpec,
  tokenizerSpecSchema,
  type Tokenizer,
} from '@mlops/text';
import { z } from 'zod';
import type { SparseVector } from '../core/sparse-vector.js';
import { parseFeaturizerState } from './featurizer-state.js';
import { FNV1A_OFFSET_BASIS, bucketMask, bucketOf, fnv1aAppend, fnv1aAppendCodeUnit } from './fnv1a.js';
import { bucketsSchema } from './hashing-buckets.js';
import { sourceTransform, type TokenFeatureSource } from './token-feature-source.js';

const SPACE = 0x20;

/** Which word n-grams are hashed, and into how many buckets. */
export const wordNgramOptionsSchema = z.strictObject({
  maxN: z
    .number()
    .int()
    .min(2)
    .max(8)
    .default(2)
    .describe('hash every run of 2 to maxN consecutive words (default 2: bigrams)'),
  buckets: bucketsSchema(2 ** 18),
});
/** Word n-gram options as written, defaults optional. */
export type WordNgramOptionsInput = z.input<typeof wordNgramOptionsSchema>;

/** Hashed word n-gram options without the tokeniser: what a text featurizer stores for them. */
export const wordNgramsComponentStateSchema = z.strictObject({
  kind: z.literal('word-ngrams'),
  version: z.literal(1),
  ...wordNgramOptionsSchema.shape,
});
/** Hashed word n-gram state without the tokeniser. */
export type WordNgramsComponentState = z.output<typeof wordNgramsComponentStateSchema>;

/** The stored state of standalone hashed word n-grams. */
export const wordNgramsStateSchema = wordNgramsComponentStateSchema.extend({ tokenizer: tokenizerSpecSchema });
/** The stored state of standalone hashed word n-grams. */
export type WordNgramsState = z.output<typeof wordNgramsStateSchema>;

/**
 * Hashed word n-grams (n from 2 to `maxN`). An n-gram's bucket is the 32-bit FNV-1a hash of its
 * words joined by one space (U+0020), over UTF-16 code units, modulo `buckets`. Words out of the
 * vocabulary take part like any other. Nothing is learnt, so there is no fit.
 */
export interface WordNgrams extends TokenFeatureSource {
  readonly tokenizer: Tokenizer;
  readonly maxN: number;
  readonly buckets: number;
  /** Counts of the n-gram buckets of a text. */
  transform(text: string): SparseVector;
  /** The state to store, plain JSON. */
  toJSON(): WordNgramsState;
}

/** Hashed word n-grams of texts tokenised with `tokenizer` (default options unless given). */
export function createWordNgrams(
  options: WordNgramOptionsInput = {},
  tokenizer: Tokenizer = createTokenizer(),
): WordNgrams {
  return restoreWordNgrams({ kind: 'word-ngrams', version: 1, ...wordNgramOptionsSchema.parse(options) }, tokenizer);
}

/** Rebuilds standalone hashed word n-grams from their stored state; throws `FeaturizerStateError` when it is invalid. */
export function wordNgramsFromJSON(json: unknown): WordNgrams {
  const { tokenizer, ...state } = parseFeaturizerState(wordNgramsStateSchema, json, 'word n-grams');
  return restoreWordNgrams(state, createTokenizerFromSpec(tokenizer));
}

/** Rebuilds hashed word n-grams from their state and the tokeniser their owner stores. */
export function restoreWordNgrams(state: WordNgramsComponentState, tokenizer: Tokenizer): WordNgrams {
  const { maxN, buckets } = state;
  const mask = bucketMask(buckets);
  const wordNgrams: WordNgrams = {
    tokenizer,
    maxN,
    buckets,
    dimension: buckets,
    collect(tokens, target, offset) {
      for (let start = 0; start < tokens.length; start++) {
        let hash = fnv1aAppend(FNV1A_OFFSET_BASIS, tokens[start] ?? '');
        const end = Math.min(tokens.length, start + maxN);
        for (let next = start + 1; next < end; next++) {
          hash = fnv1aAppend(fnv1aAppendCodeUnit(hash, SPACE), tokens[next] ?? '');
          target.add(offset + bucketOf(hash, buckets));
        }
      }
    },
    collectHashed(tokens, target, offset) {
      const { count, hashes, chars, valueStarts, valueEnds } = tokens;
      for (let start = 0; start < count; start++) {
        let hash = hashes[start] ?? 0;
        const end = Math.min(count, start + maxN);
        for (let next = start + 1; next < end; next++) {
          hash = fnv1aAppendCodeUnit(hash, SPACE);
          const valueEnd = valueEnds[next] ?? 0;
          for (let index = valueStarts[next] ?? 0; index < valueEnd; index++) {
            hash = fnv1aAppendCodeUnit(hash, chars[index] ?? 0);
          }
          target.add(offset + (mask >= 0 ? hash & mask : bucketOf(hash, buckets)));
        }
      }
    },
    transform: sourceTransform(tokenizer, () => wordNgrams),
    toJSON: () => ({ ...state, tokenizer: tokenizerSpec(tokenizer) }),
  };
  return wordNgrams;
}
