import { createTokenizer } from '@mlops/text';
import { describe, expect, it } from 'vitest';
import { FNV1A_OFFSET_BASIS, fnv1aAppend } from './fnv1a.js';
import { HashedTokens } from './hashed-tokens.js';
import { restoreVocabulary } from './vocabulary.js';

describe('HashedTokens', () => {
  const tokenizer = createTokenizer();
  const vocabulary = restoreVocabulary(
    { kind: 'vocabulary', version: 1, minCount: 1, maxSize: 10, tokens: ['the', 'straße', 'cat'] },
    tokenizer,
  );

  it('holds each token value with its FNV-1a hash and vocabulary id', () => {
    const tokens = new HashedTokens();
    const text = 'The CAT saw STRASSE Straße 日本 the end';
    tokens.load(tokenizer, text, vocabulary);
    const values = tokenizer.tokenize(text).map((token) => token.text);
    expect(tokens.count).toBe(values.length);
    values.forEach((value, index) => {
      expect(tokens.buffer.value(index)).toBe(value);
      expect(tokens.hashes[index]).toBe(fnv1aAppend(FNV1A_OFFSET_BASIS, value));
      expect(tokens.vocabularyIds[index]).toBe(vocabulary.idOf(value) ?? -1);
    });
    expect(tokens.outOfVocabulary).toBe(values.filter((value) => vocabulary.idOf(value) === undefined).length);
  });

  it('grows with long texts and looks nothing up without a vocabulary', () => {
    const tokens = new HashedTokens();
    tokens.load(tokenizer, 'the cat '.repeat(1000), null);
    expect(tokens.count).toBe(2000);
    expect(tokens.outOfVocabulary).toBe(2000);
    expect(tokens.vocabularyIds.subarray(0, 2000).every((id) => id === -1)).toBe(true);
    tokens.load(tokenizer, 'cat', vocabulary);
    expect([tokens.count, tokens.vocabularyIds[0], tokens.outOfVocabulary]).toEqual([1, 2, 0]);
  });
});
