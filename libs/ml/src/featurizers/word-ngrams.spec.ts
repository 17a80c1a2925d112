import { describe, expect, it } from 'vitest';
import { FeaturizerStateError } from './featurizer-state.js';
import { fnv1a } from './fnv1a.js';
import { createWordNgrams, wordNgramsFromJSON } from './word-ngrams.js';

const BUCKETS = 2 ** 24;
const expectedIds = (ngrams: string[]) =>
  [...new Set(ngrams.map((ngram) => fnv1a(ngram) % BUCKETS))].sort((a, b) => a - b);

describe('createWordNgrams', () => {
  it('hashes each bigram as its words joined by one space', () => {
    const vector = createWordNgrams({ buckets: BUCKETS }).transform('The cat sat');
    expect([...vector.ids]).toEqual(expectedIds(['the cat', 'cat sat']));
    expect([...vector.values]).toEqual([1, 1]);
  });

  it('hashes every n from 2 to maxN and counts repeats', () => {
    const vector = createWordNgrams({ maxN: 3, buckets: BUCKETS }).transform('a b a b');
    expect([...vector.ids]).toEqual(expectedIds(['a b', 'b a', 'a b a', 'b a b']));
    const counts = new Map([...vector.ids].map((id, index) => [id, vector.values[index]]));
    expect(counts.get(fnv1a('a b') % BUCKETS)).toBe(2);
  });

  it('folds hashes into the buckets and gives nothing for fewer than two words', () => {
    const wordNgrams = createWordNgrams({ buckets: 3 });
    expect(Math.max(...wordNgrams.transform('one two three four five six').ids)).toBeLessThan(3);
    expect(wordNgrams.dimension).toBe(3);
    expect(wordNgrams.transform('alone').ids.length).toBe(0);
    expect(wordNgrams.transform('').ids.length).toBe(0);
  });

  it('defaults to bigrams into 2^18 buckets', () => {
    expect(createWordNgrams()).toMatchObject({ maxN: 2, buckets: 2 ** 18 });
  });
});

describe('wordNgramsFromJSON', () => {
  it('rebuilds the same hashing from its JSON', () => {
    const wordNgrams = createWordNgrams({ maxN: 3, buckets: 1000 });
    const restored = wordNgramsFromJSON(JSON.parse(JSON.stringify(wordNgrams)));
    expect(restored.transform('to be or not to be')).toEqual(wordNgrams.transform('to be or not to be'));
  });

  it('rejects a bad state', () => {
    const state = createWordNgrams().toJSON();
    expect(() => wordNgramsFromJSON({ ...state, buckets: 0 })).toThrow(FeaturizerStateError);
    expect(() => wordNgramsFromJSON({ ...state, maxN: 1 })).toThrow(/maxN/);
  });
});
