import { createTokenizer, type Tokenizer } from '@mlops/text';
import { describe, expect, it } from 'vitest';
import { createCharNgrams } from './char-ngrams.js';
import { FeatureIdCollector } from './feature-id-collector.js';
import { HashedTokens } from './hashed-tokens.js';
import type { TokenFeatureSource } from './token-feature-source.js';
import { fitVocabulary } from './vocabulary.js';
import { createWordNgrams } from './word-ngrams.js';

const texts = [
  'The cat sat on the mat. The CAT, the hat!',
  "Straße straße STRASSE — don't 3.14 1,000 e-mail 日本語 👍🏽 🇫🇷 ﬁnance",
  'Привет мир κόσμος مرحبا नमस्ते 😀😀 a',
  '',
  'one',
];

/** The counts `collectHashed` gives for a text, and those `collect` gives from the token strings. */
function bothWays(source: TokenFeatureSource, tokenizer: Tokenizer, text: string, withVocabulary = true) {
  const hashed = new HashedTokens();
  const collector = new FeatureIdCollector();
  hashed.load(tokenizer, text, withVocabulary ? vocabulary : null);
  source.collectHashed(hashed, collector, 5);
  const fromBuffer = collector.counts();
  source.collect(
    tokenizer.tokenize(text).map((token) => token.text),
    collector,
    5,
  );
  return { fromBuffer, fromStrings: collector.counts() };
}

const tokenizer = createTokenizer();
const vocabulary = fitVocabulary(texts.slice(0, 2), {}, tokenizer);

describe('collectHashed', () => {
  const sources: Record<string, TokenFeatureSource> = {
    vocabulary,
    'word bigrams (2^18 buckets)': createWordNgrams({}, tokenizer),
    'word 2- to 4-grams (1,000 buckets)': createWordNgrams({ maxN: 4, buckets: 1000 }, tokenizer),
    'character 3- to 5-grams': createCharNgrams({}, tokenizer),
    'character 1- to 6-grams (999 buckets)': createCharNgrams({ minN: 1, maxN: 6, buckets: 999 }, tokenizer),
  };
  for (const [name, source] of Object.entries(sources)) {
    it(`gives the ids collect gives from token strings: ${name}`, () => {
      for (const text of texts) {
        for (const withVocabulary of source === vocabulary ? [true] : [true, false]) {
          const { fromBuffer, fromStrings } = bothWays(source, tokenizer, text, withVocabulary);
          expect(fromBuffer).toEqual(fromStrings);
        }
      }
    });
  }

  it('remembers the character n-grams of vocabulary words without changing them', () => {
    const charNgrams = createCharNgrams({ minN: 2, maxN: 3, buckets: 4096 }, tokenizer);
    for (let round = 0; round < 3; round++) {
      const { fromBuffer, fromStrings } = bothWays(charNgrams, tokenizer, texts[0] ?? '');
      expect(fromBuffer).toEqual(fromStrings);
    }
  });
});
