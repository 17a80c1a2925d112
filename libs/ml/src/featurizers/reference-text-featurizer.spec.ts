import { describe, expect, it } from 'vitest';
import type { LabelledExample } from '../core/example.js';
import type { FeaturizerSpecInput } from './featurizer-spec.js';
import { fitReferenceTextFeaturizer, referenceTextFeaturizer } from './reference-text-featurizer.js';
import { fitTextFeaturizer, textFeaturizerFromJSON } from './text-featurizer.js';

const examples: LabelledExample[] = [
  { id: '1', text: 'Your invoice for March is attached. INVOICE 2024-03.', label: 'a', numeric: { pages: 1 } },
  { id: '2', text: "Win a FREE cruise!!! Click now 🎉 don't wait — ﬁnal offer", label: 'b', numeric: { pages: 3 } },
  { id: '3', text: 'Straße straße STRASSE Привет мир 日本語 κόσμος 3.14 1,000', label: 'a' },
  { id: '4', text: 'the the the cat sat on the mat the end', label: 'b', numeric: { pages: 2 } },
];
const unseen = [
  'An invoice for April, not March: 2024-04 😀',
  'cruise cruise cruise ship',
  '',
  '… — ***',
  'Straße 日本 🇫🇷 1️⃣ e-mail',
  'word '.repeat(500),
];

const specs: Record<string, FeaturizerSpecInput> = {
  default: {},
  'character n-grams, mean, numeric': {
    vocabulary: { maxSize: 5 },
    wordNgrams: { maxN: 3, buckets: 1000 },
    charNgrams: { minN: 2, maxN: 4, buckets: 777 },
    weighting: { kind: 'mean' },
    numeric: { features: ['pages'] },
  },
  'no word n-grams, raw tf, no norm, kept case': {
    tokenizer: { lowercase: false, foldAccents: true, splitHyphens: true },
    wordNgrams: null,
    weighting: { kind: 'tfidf', sublinearTf: false, smoothIdf: false, norm: 'none' },
  },
};

describe('referenceTextFeaturizer', () => {
  for (const [name, spec] of Object.entries(specs)) {
    it(`fits the same state and gives the same vectors as the featurizer: ${name}`, () => {
      const featurizer = fitTextFeaturizer(spec, examples);
      const reference = fitReferenceTextFeaturizer(spec, examples);
      expect(reference.state).toEqual(featurizer.toJSON());
      for (const example of [...examples, ...unseen.map((text) => ({ text, numeric: { pages: 5 } }))]) {
        expect(featurizer.transform(example.text, example.numeric)).toEqual(
          reference.transform(example.text, example.numeric),
        );
      }
    });
  }

  it('rebuilds from a stored state as the featurizer does', () => {
    const json: unknown = JSON.parse(JSON.stringify(fitTextFeaturizer(specs.default ?? {}, examples)));
    const reference = referenceTextFeaturizer(json);
    const featurizer = textFeaturizerFromJSON(json);
    for (const text of unseen) expect(featurizer.transform(text)).toEqual(reference.transform(text));
    expect(reference.tokenizer.tokenize('Hello, World')).toEqual(featurizer.tokenizer.tokenize('Hello, World'));
  });
});
