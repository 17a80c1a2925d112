import {
  createTokenizer,
  createTokenizerFromSpec,
  tokenizerSpec,
  tokenizerSpecSchema,
  type Tokenizer,
} from '@mlops/text';
import { z } from 'zod';
import type { SparseVector } from '../core/sparse-vector.js';
import { parseFeaturizerState, requireConsistentState } from './featurizer-state.js';
import { FNV1A_OFFSET_BASIS, bucketOf, fnv1aAppendCodeUnit } from './fnv1a.js';
import { bucketsSchema } from './hashing-buckets.js';
import { ValueBuckets } from './char-ngram-value-buckets.js';
import { sourceTransform, type TokenFeatureSource } from './token-feature-source.js';

const ngramLength = (fallback: number) =>
  z.number().int().min(1).max(16).default(fallback).describe(`n-gram length in code points (default ${fallback})`);

const charNgramOptionsShape = {
  minN: ngramLength(3),
  maxN: ngramLength(5),
  buckets: bucketsSchema(2 ** 18),
};

/** Which character n-grams are hashed, and into how many buckets. */
export const charNgramOptionsSchema = z
  .strictObject(charNgramOptionsShape)
  .refine((options) => options.minN <= options.maxN, { message: 'maxN must be at least minN', path: ['maxN'] });
/** Character n-gram options as written, defaults optional. */
export type CharNgramOptionsInput = z.input<typeof charNgramOptionsSchema>;

/** Hashed character n-gram options without the tokeniser: what a text featurizer stores for them. */
export const charNgramsComponentStateSchema = z.strictObject({
  kind: z.literal('char-ngrams'),
  version: z.literal(1),
  ...charNgramOptionsShape,
});
/** Hashed character n-gram state without the tokeniser. */
export type CharNgramsComponentState = z.output<typeof charNgramsComponentStateSchema>;

/** The stored state of standalone hashed character n-grams. */
export const charNgramsStateSchema = charNgramsComponentStateSchema.extend({ tokenizer: tokenizerSpecSchema });
/** The stored state of standalone hashed character n-grams. */
export type CharNgramsState = z.output<typeof charNgramsStateSchema>;

/**
 * Hashed character n-grams, fastText style: each token value is wrapped in `<` and `>` and every
 * run of `minN` to `maxN` code points of it is hashed (32-bit FNV-1a over its UTF-16 code units,
 * modulo `buckets`), except the markers alone. Nothing is learnt, so there is no fit.
 */
export interface CharNgrams extends TokenFeatureSource {
  readonly tokenizer: Tokenizer;
  readonly minN: number;
  readonly maxN: number;
  readonly buckets: number;
  /** The buckets of the n-grams of one token value, repeats included (shared: read only). */
  bucketsOf(token: string): Int32Array;
  /** Counts of the n-gram buckets of a text. */
  transform(text: string): SparseVector;
  /** The state to store, plain JSON. */
  toJSON(): CharNgramsState;
}

/** Hashed character n-grams of texts tokenised with `tokenizer` (default options unless given). */
export function createCharNgrams(
  options: CharNgramOptionsInput = {},
  tokenizer: Tokenizer = createTokenizer(),
): CharNgrams {
  return restoreCharNgrams({ kind: 'char-ngrams', version: 1, ...charNgramOptionsSchema.parse(options) }, tokenizer);
}

/** Rebuilds standalone hashed character n-grams from their stored state; throws `FeaturizerStateError` when it is invalid. */
export function charNgramsFromJSON(json: unknown): CharNgrams {
  const { tokenizer, ...state } = parseFeaturizerState(charNgramsStateSchema, json, 'character n-grams');
  return restoreCharNgrams(state, createTokenizerFromSpec(tokenizer));
}

/**
 * How many token values a generation of the bucket memory holds. Word frequencies are Zipfian:
 * a few tens of thousands of values cover nearly all occurrences.
 */
const REMEMBERED_PER_GENERATION = 32_768;

/** Rebuilds hashed character n-grams from their state and the tokeniser their owner stores. */
export function restoreCharNgrams(state: CharNgramsComponentState, tokenizer: Tokenizer): CharNgrams {
  const { minN, maxN, buckets } = state;
  requireConsistentState(minN <= maxN, 'character n-grams', 'maxN must be at least minN');
  const bucketsOf = rememberedPerToken((token) => markedWordBuckets(`<${token}>`, minN, maxN, buckets));
  const valueBuckets = new ValueBuckets(minN, maxN, buckets);
  const charNgrams: CharNgrams = {
    tokenizer,
    minN,
    maxN,
    buckets,
    dimension: buckets,
    bucketsOf,
    collect(tokens, target, offset) {
      for (const token of tokens) {
        const tokenBuckets = bucketsOf(token);
        for (const bucket of tokenBuckets) target.add(offset + bucket);
      }
    },
    collectHashed(tokens, target, offset) {
      const { count, vocabularyIds, chars, valueStarts, valueEnds } = tokens;
      for (let token = 0; token < count; token++) {
        const tokenBuckets = valueBuckets.of(
          chars,
          valueStarts[token] ?? 0,
          valueEnds[token] ?? 0,
          vocabularyIds[token] ?? -1,
        );
        for (const bucket of tokenBuckets) target.add(offset + bucket);
      }
    },
    transform: sourceTransform(tokenizer, () => charNgrams),
    toJSON: () => ({ ...state, tokenizer: tokenizerSpec(tokenizer) }),
  };
  return charNgrams;
}

/**
 * Remembers the buckets of recent token values, in two generations: when the newer one is full
 * it becomes the older one, and a value found only in the older one moves to the newer. Memory
 * stays bounded whatever the input, and frequent values are computed once.
 */
function rememberedPerToken(compute: (token: string) => Int32Array): (token: string) => Int32Array {
  let newer = new Map<string, Int32Array>();
  let older = new Map<string, Int32Array>();
  return (token) => {
    let found = newer.get(token);
    if (found !== undefined) return found;
    found = older.get(token) ?? compute(token);
    if (newer.size >= REMEMBERED_PER_GENERATION) {
      older = newer;
      newer = new Map();
    }
    newer.set(token, found);
    return found;
  };
}

const isLowSurrogate = (codeUnit: number): boolean => (codeUnit & 0xfc00) === 0xdc00;

/** The bucket of every n-gram of a word wrapped in its markers, by start position then length. */
function markedWordBuckets(word: string, minN: number, maxN: number, buckets: number): Int32Array {
  const found: number[] = [];
  for (let start = 0; start < word.length; start++) {
    if (isLowSurrogate(word.charCodeAt(start))) continue;
    let hash = FNV1A_OFFSET_BASIS;
    let end = start;
    for (let n = 1; n <= maxN && end < word.length; n++) {
      hash = fnv1aAppendCodeUnit(hash, word.charCodeAt(end++));
      if (end < word.length && isLowSurrogate(word.charCodeAt(end))) {
        hash = fnv1aAppendCodeUnit(hash, word.charCodeAt(end++));
      }
      const markerAlone = n === 1 && (start === 0 || end === word.length);
      if (n >= minN && !markerAlone) found.push(bucketOf(hash, buckets));
    }
  }
  return Int32Array.from(found);
}
