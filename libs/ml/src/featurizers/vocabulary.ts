import {
  createTokenizer,
  createTokenizerFromSpec,
  tokenizerSpec,
  tokenizerSpecSchema,
  type Tokenizer,
} from '@mlops/text';
import { z } from 'zod';
import type { SparseVector } from '../core/sparse-vector.js';
import { nonEmptyStringArraySchema, parseFeaturizerState, requireConsistentState } from './featurizer-state.js';
import type { ValueIds } from './hashed-tokens.js';
import { sourceTransform, type TokenFeatureSource } from './token-feature-source.js';
import { TokenIdTable, type TokenIdSlots } from './token-id-table.js';

/** How a vocabulary is chosen from the training texts. */
export const vocabularyOptionsSchema = z.strictObject({
  minCount: z
    .number()
    .int()
    .min(1)
    .default(1)
    .describe('keep words seen at least this many times in the training texts (default 1)'),
  maxSize: z
    .number()
    .int()
    .min(1)
    .max(10_000_000)
    .default(50_000)
    .describe('keep at most this many words, the most frequent first, ties by word (default 50,000)'),
});
/** Vocabulary options as written, defaults optional. */
export type VocabularyOptionsInput = z.input<typeof vocabularyOptionsSchema>;

/** A vocabulary's state without its tokeniser: what a text featurizer stores for it. */
export const vocabularyComponentStateSchema = z.strictObject({
  kind: z.literal('vocabulary'),
  version: z.literal(1),
  ...vocabularyOptionsSchema.shape,
  tokens: nonEmptyStringArraySchema().describe('the words by id'),
});
/** A vocabulary's state without its tokeniser. */
export type VocabularyComponentState = z.output<typeof vocabularyComponentStateSchema>;

/** The stored state of a standalone vocabulary: the words by id and the tokeniser spec. */
export const vocabularyStateSchema = vocabularyComponentStateSchema.extend({ tokenizer: tokenizerSpecSchema });
/** The stored state of a standalone vocabulary. */
export type VocabularyState = z.output<typeof vocabularyStateSchema>;

/** Word unigrams: each word kept at fit time has an id in `[0, size)`; other words have none. */
export interface Vocabulary extends TokenFeatureSource, ValueIds {
  readonly tokenizer: Tokenizer;
  /** The number of words, equal to `dimension`. */
  readonly size: number;
  /** The words by id. */
  readonly tokens: readonly string[];
  /** The id of a token value, or undefined when it is out of the vocabulary. */
  idOf(token: string): number | undefined;
  /** The slots of the table `idOfValue` searches (built when the vocabulary is made, once for both). */
  idSlots(): TokenIdSlots;
  /** Counts of the in-vocabulary words of a text. */
  transform(text: string): SparseVector;
  /** The state to store, plain JSON. */
  toJSON(): VocabularyState;
}

/**
 * Fits a vocabulary on training texts tokenised with `tokenizer` (default options unless given):
 * words seen at least `minCount` times, the `maxSize` most frequent, ordered by count descending
 * and then by word (UTF-16 code unit order), so the same texts always give the same ids.
 */
export function fitVocabulary(
  texts: Iterable<string>,
  options: VocabularyOptionsInput = {},
  tokenizer: Tokenizer = createTokenizer(),
): Vocabulary {
  const counts = new Map<string, number>();
  for (const text of texts) {
    for (const { text: token } of tokenizer.tokenize(text)) counts.set(token, (counts.get(token) ?? 0) + 1);
  }
  return selectVocabulary(counts, options, tokenizer);
}

/** The `size` smallest of distinct words in UTF-16 code unit order, sorted; reorders `words`. */
function smallestWords(words: string[], size: number): string[] {
  if (size >= words.length) return words.sort();
  let low = 0;
  let high = words.length - 1;
  const last = size - 1;
  while (low < high) {
    const pivot = words[(low + high) >> 1] ?? '';
    let left = low;
    let right = high;
    while (left <= right) {
      while ((words[left] ?? '') < pivot) left++;
      while ((words[right] ?? '') > pivot) right--;
      if (left <= right) {
        const swap = words[left] ?? '';
        words[left++] = words[right] ?? '';
        words[right--] = swap;
      }
    }
    if (last <= right) high = right;
    else if (last >= left) low = left;
    else break;
  }
  return words.slice(0, size).sort();
}

/**
 * Chooses the vocabulary, as `fitVocabulary` does, from each token value's count in the training
 * texts: the `maxSize` most frequent values seen at least `minCount` times, by count descending
 * then word. Words are grouped by count and only the groups that fit are sorted; of the last
 * group, only the words that fit are selected (quickselect) and sorted.
 */
export function selectVocabulary(
  tokenCounts: Iterable<readonly [string, number]>,
  options: VocabularyOptionsInput,
  tokenizer: Tokenizer,
): Vocabulary {
  const { minCount, maxSize } = vocabularyOptionsSchema.parse(options);
  const wordsByCount = new Map<number, string[]>();
  for (const [word, count] of tokenCounts) {
    if (count < minCount) continue;
    const words = wordsByCount.get(count);
    if (words) words.push(word);
    else wordsByCount.set(count, [word]);
  }
  const tokens: string[] = [];
  for (const count of [...wordsByCount.keys()].sort((a, b) => b - a)) {
    const room = maxSize - tokens.length;
    if (room <= 0) break;
    for (const word of smallestWords(wordsByCount.get(count) ?? [], room)) tokens.push(word);
  }
  return restoreVocabulary({ kind: 'vocabulary', version: 1, minCount, maxSize, tokens }, tokenizer);
}

/** Rebuilds a standalone vocabulary from its stored state; throws `FeaturizerStateError` when it is invalid. */
export function vocabularyFromJSON(json: unknown): Vocabulary {
  const { tokenizer, ...state } = parseFeaturizerState(vocabularyStateSchema, json, 'vocabulary');
  return restoreVocabulary(state, createTokenizerFromSpec(tokenizer));
}

/** Rebuilds a vocabulary from its state and the tokeniser its owner stores. */
export function restoreVocabulary(state: VocabularyComponentState, tokenizer: Tokenizer): Vocabulary {
  const tokens = [...state.tokens];
  requireConsistentState(tokens.length <= state.maxSize, 'vocabulary', 'more tokens than maxSize');
  const table = new TokenIdTable(tokens);
  requireConsistentState(table.unique, 'vocabulary', 'tokens are not unique');
  let ids: Map<string, number> | undefined;
  const idsOf = (): Map<string, number> => (ids ??= new Map(tokens.map((token, id) => [token, id])));
  const vocabulary: Vocabulary = {
    tokenizer,
    size: tokens.length,
    dimension: tokens.length,
    tokens,
    idOf: (token) => idsOf().get(token),
    idOfValue: (chars, start, end, hash) => table.find(chars, start, end, hash),
    idSlots: () => table.slots,
    collect(tokenList, target, offset) {
      const known = idsOf();
      for (const token of tokenList) {
        const id = known.get(token);
        if (id !== undefined) target.add(offset + id);
      }
    },
    collectHashed(hashed, target, offset) {
      const { count, vocabularyIds } = hashed;
      for (let token = 0; token < count; token++) {
        const id = vocabularyIds[token] ?? -1;
        if (id >= 0) target.add(offset + id);
      }
    },
    transform: sourceTransform(tokenizer, () => vocabulary),
    toJSON: () => ({ ...state, tokens: [...tokens], tokenizer: tokenizerSpec(tokenizer) }),
  };
  return vocabulary;
}
