import { describe, expect, it } from 'vitest';
import { charNgramsFromJSON, createCharNgrams } from './char-ngrams.js';
import { FeaturizerStateError } from './featurizer-state.js';
import { fnv1a } from './fnv1a.js';

const BUCKETS = 2 ** 24;
const expectedIds = (ngrams: string[]) =>
  [...new Set(ngrams.map((ngram) => fnv1a(ngram) % BUCKETS))].sort((a, b) => a - b);

describe('createCharNgrams', () => {
  it('hashes the n-grams of each word between < and >, fastText style, without the markers alone', () => {
    const vector = createCharNgrams({ minN: 1, maxN: 4, buckets: BUCKETS }).transform('ab');
    expect([...vector.ids]).toEqual(expectedIds(['<a', '<ab', '<ab>', 'a', 'ab', 'ab>', 'b', 'b>']));
  });

  it('uses minN to maxN code points and counts repeats across words', () => {
    const vector = createCharNgrams({ minN: 3, maxN: 3, buckets: BUCKETS }).transform('aaa aaa');
    expect([...vector.ids]).toEqual(expectedIds(['<aa', 'aaa', 'aa>']));
    expect([...vector.values]).toEqual(expectedIds(['<aa', 'aaa', 'aa>']).map(() => 2));
  });

  it('never splits a surrogate pair', () => {
    const vector = createCharNgrams({ minN: 2, maxN: 2, buckets: BUCKETS }).transform('😀');
    expect([...vector.ids]).toEqual(expectedIds(['<😀', '😀>']));
  });

  it('defaults to 3 to 5 characters into 2^18 buckets', () => {
    const charNgrams = createCharNgrams();
    expect(charNgrams).toMatchObject({ minN: 3, maxN: 5, buckets: 2 ** 18, dimension: 2 ** 18 });
    expect(charNgrams.transform('').ids.length).toBe(0);
  });

  it('rejects maxN below minN', () => {
    expect(() => createCharNgrams({ minN: 4, maxN: 3 })).toThrow(/maxN/);
  });
});

describe('charNgramsFromJSON', () => {
  it('rebuilds the same hashing from its JSON', () => {
    const charNgrams = createCharNgrams({ buckets: 4096 });
    const restored = charNgramsFromJSON(JSON.parse(JSON.stringify(charNgrams)));
    expect(restored.transform('Unbelievable results')).toEqual(charNgrams.transform('Unbelievable results'));
  });

  it('rejects a bad state', () => {
    const state = createCharNgrams().toJSON();
    expect(() => charNgramsFromJSON({ ...state, minN: 6 })).toThrow(/maxN must be at least minN/);
    expect(() => charNgramsFromJSON({ ...state, buckets: 2 ** 25 })).toThrow(FeaturizerStateError);
  });
});
