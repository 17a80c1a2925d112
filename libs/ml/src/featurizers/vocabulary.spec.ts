import { TOKENIZER_VERSION, TokenizerVersionError, createTokenizer } from '@mlops/text';
import { describe, expect, it } from 'vitest';
import { FeaturizerStateError } from './featurizer-state.js';
import { fitVocabulary, vocabularyFromJSON } from './vocabulary.js';

const texts = ['the cat sat', 'The dog sat', 'a cat and a dog', 'zebra'];

describe('fitVocabulary', () => {
  it('orders words by count, then by word, and keeps those seen minCount times', () => {
    const vocabulary = fitVocabulary(texts, { minCount: 2 });
    expect(vocabulary.tokens).toEqual(['a', 'cat', 'dog', 'sat', 'the']);
    expect(vocabulary.size).toBe(5);
    expect(vocabulary.dimension).toBe(5);
    expect(vocabulary.idOf('cat')).toBe(1);
    expect(vocabulary.idOf('zebra')).toBeUndefined();
  });

  it('keeps the maxSize most frequent words', () => {
    expect(fitVocabulary(texts, { maxSize: 3 }).tokens).toEqual(['a', 'cat', 'dog']);
  });

  it('tokenises with the @mlops/text tokeniser it is given', () => {
    const vocabulary = fitVocabulary(['Straße STRASSE'], {}, createTokenizer({ lowercase: false }));
    expect(vocabulary.tokens).toEqual(['STRASSE', 'Straße']);
    expect(vocabulary.toJSON().tokenizer).toEqual({
      version: TOKENIZER_VERSION,
      options: expect.objectContaining({ lowercase: false }) as unknown,
    });
  });

  it('counts in-vocabulary words of a text and ignores the others', () => {
    const vector = fitVocabulary(texts, { minCount: 2 }).transform('A cat, a DOG and a unicorn');
    expect([...vector.ids]).toEqual([0, 1, 2]);
    expect([...vector.values]).toEqual([3, 1, 1]);
  });

  it('gives an empty vector for a text without known words', () => {
    expect(fitVocabulary(texts).transform('…').ids.length).toBe(0);
    expect(fitVocabulary([]).transform('anything').ids.length).toBe(0);
  });
});

describe('vocabularyFromJSON', () => {
  it('rebuilds the same vocabulary from its JSON', () => {
    const vocabulary = fitVocabulary(texts);
    const restored = vocabularyFromJSON(JSON.parse(JSON.stringify(vocabulary)));
    expect(restored.toJSON()).toEqual(vocabulary.toJSON());
    expect(restored.transform('the cat and the zebra')).toEqual(vocabulary.transform('the cat and the zebra'));
  });

  it('rejects malformed, inconsistent or foreign states with a clear error', () => {
    const state = fitVocabulary(texts).toJSON();
    expect(() => vocabularyFromJSON({ ...state, version: 2 })).toThrow(FeaturizerStateError);
    expect(() => vocabularyFromJSON({ ...state, kind: 'tfidf' })).toThrow(/invalid vocabulary state/);
    expect(() => vocabularyFromJSON({ ...state, extra: 1 })).toThrow(FeaturizerStateError);
    expect(() => vocabularyFromJSON({ ...state, tokens: ['a', 'a'] })).toThrow(/not unique/);
    expect(() => vocabularyFromJSON({ ...state, maxSize: 1 })).toThrow(/maxSize/);
    expect(() => vocabularyFromJSON('{}')).toThrow(FeaturizerStateError);
    expect(() => vocabularyFromJSON({ ...state, tokenizer: { ...state.tokenizer, version: '0.0.1' } })).toThrow(
      TokenizerVersionError,
    );
  });
});
