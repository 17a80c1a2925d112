import { createTokenizer } from '@mlops/text';
import { describe, expect, it } from 'vitest';
import { createCharNgrams } from './char-ngrams.js';
import type { TokenFeatureParts } from './feature-layout.js';
import {
  referenceDocumentFrequencies,
  referenceSelectVocabulary,
  referenceTokenizeCorpus,
} from './reference-fit-steps.js';
import { TokenInterner } from './token-interner.js';
import { tokenizeCorpus } from './tokenized-corpus.js';
import { trainingDocumentFrequencies } from './training-document-frequencies.js';
import { selectVocabulary } from './vocabulary.js';
import { createWordNgrams } from './word-ngrams.js';

const tokenizer = createTokenizer();
const texts = [
  'the cat sat on the mat, the end',
  "Straße STRASSE straße — don't 3.14 日本語 👍🏽 costarring liquid",
  '',
  'liquid costarring mat mat mat cat',
  'word '.repeat(3000),
];

function seededCounts(size: number, seed: number): [string, number][] {
  let state = seed;
  const next = (): number => (state = (Math.imul(state, 1103515245) + 12345) >>> 0);
  return Array.from({ length: size }, (_, index): [string, number] => [
    `${(next() % 5000).toString(36)}${String.fromCharCode(0x41 + (next() % 60))}${index}`,
    1 + (next() % 4 === 0 ? next() % 40 : next() % 3),
  ]);
}

describe('the fit steps against the reference steps', () => {
  it('tokenise a corpus into the same values, counts and documents, with each value’s code units and hash', () => {
    const corpus = tokenizeCorpus(tokenizer, texts);
    const reference = referenceTokenizeCorpus(tokenizer, texts);
    expect(corpus.tokens).toEqual(reference.tokens);
    expect(corpus.counts).toEqual(reference.counts);
    texts.forEach((_, index) => expect(corpus.document(index)).toEqual(reference.document(index)));
    corpus.tokens.forEach((token, index) => {
      const units = corpus.chars.subarray(corpus.starts[index], corpus.starts[index + 1]);
      expect(String.fromCharCode(...units)).toBe(token);
    });
    expect(() => corpus.document(texts.length)).toThrow(RangeError);
  });

  it('choose the same vocabulary, ties and cut-offs included', () => {
    for (const [size, seed] of [
      [0, 1],
      [10, 2],
      [5000, 3],
      [20_000, 4],
    ] as const) {
      const counts = seededCounts(size, seed);
      for (const options of [{}, { maxSize: 100 }, { maxSize: 1234, minCount: 2 }, { minCount: 3 }, { maxSize: 1 }]) {
        expect(selectVocabulary(counts, options, tokenizer).tokens).toEqual(
          referenceSelectVocabulary(counts, options, tokenizer).tokens,
        );
      }
    }
  });

  it('count the same document frequencies', () => {
    const corpus = tokenizeCorpus(tokenizer, texts);
    const parts: TokenFeatureParts = {
      vocabulary: selectVocabulary(
        corpus.tokens.map((token, index): [string, number] => [token, corpus.counts[index] ?? 0]),
        { maxSize: 6 },
        tokenizer,
      ),
      wordNgrams: createWordNgrams({ maxN: 3, buckets: 97 }, tokenizer),
      charNgrams: createCharNgrams({ buckets: 64 }, tokenizer),
    };
    const counted = trainingDocumentFrequencies(corpus, parts);
    expect(counted).toEqual(referenceDocumentFrequencies(referenceTokenizeCorpus(tokenizer, texts), parts));
    expect(counted.frequencies.some((frequency) => frequency > 1)).toBe(true);
  });
});

describe('TokenInterner', () => {
  it('gives each distinct value an index in order of first appearance, through collisions and growth', () => {
    const interner = new TokenInterner();
    const values = [...Array.from({ length: 5000 }, (_, index) => `v${index}`), 'costarring', 'liquid', 'v7'];
    const indices = values.map((value) => {
      const chars = Uint16Array.from({ length: value.length }, (_, index) => value.charCodeAt(index));
      let hash = 0x811c9dc5;
      for (const unit of chars) hash = Math.imul(hash ^ unit, 0x01000193);
      return interner.indexOf(chars, 0, chars.length, hash);
    });
    expect(indices.slice(0, 5002)).toEqual(Array.from({ length: 5002 }, (_, index) => index));
    expect(indices[5002]).toBe(7);
    expect(interner.size).toBe(5002);
  });
});
