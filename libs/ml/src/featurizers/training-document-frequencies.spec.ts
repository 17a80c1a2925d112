import { createTokenizer } from '@mlops/text';
import { describe, expect, it } from 'vitest';
import { createCharNgrams } from './char-ngrams.js';
import { FeatureIdCollector } from './feature-id-collector.js';
import { featureLayout, placedSources, type TokenFeatureParts } from './feature-layout.js';
import { tokenValues } from './token-feature-source.js';
import { tokenizeCorpus } from './tokenized-corpus.js';
import { trainingDocumentFrequencies } from './training-document-frequencies.js';
import { fitVocabulary } from './vocabulary.js';
import { createWordNgrams } from './word-ngrams.js';

const texts = [
  'the cat sat on the mat',
  'The dog ate the cat food, twice: food food food',
  '',
  'Unseen words? Naïve café 😀 and 3.14',
  'mat mat mat',
];

describe('trainingDocumentFrequencies', () => {
  it('counts, for every feature id, the texts whose collected features contain it', () => {
    const tokenizer = createTokenizer();
    const parts: TokenFeatureParts = {
      vocabulary: fitVocabulary(texts.slice(0, 2), {}, tokenizer),
      wordNgrams: createWordNgrams({ maxN: 3, buckets: 64 }, tokenizer),
      charNgrams: createCharNgrams({ minN: 2, maxN: 4, buckets: 128 }, tokenizer),
    };
    const layout = featureLayout(parts, 0);
    const expected = new Int32Array(layout.numeric.start);
    const collector = new FeatureIdCollector();
    for (const text of texts) {
      for (const { source, offset } of placedSources(parts, layout)) {
        source.collect(tokenValues(tokenizer, text), collector, offset);
      }
      for (const id of collector.counts().ids) expected[id] = (expected[id] ?? 0) + 1;
    }
    const counted = trainingDocumentFrequencies(tokenizeCorpus(tokenizer, texts), parts);
    expect(counted.documentCount).toBe(texts.length);
    expect([...counted.frequencies]).toEqual([...expected]);
    expect(counted.frequencies.some((frequency) => frequency > 1)).toBe(true);
  });
});
