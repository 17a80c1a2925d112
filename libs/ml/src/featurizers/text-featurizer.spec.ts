import { TokenizerVersionError } from '@mlops/text';
import { describe, expect, it } from 'vitest';
import type { LabelledExample } from '../core/example.js';
import type { SparseVector } from '../core/sparse-vector.js';
import { featurizerSpecSchema, type FeaturizerSpecInput } from './featurizer-spec.js';
import { FeaturizerStateError } from './featurizer-state.js';
import {
  fitTextFeaturizer,
  textFeaturizerFromJSON,
  textFeaturizerFromState,
  textFeaturizerStateSchema,
  type TextFeaturizer,
} from './text-featurizer.js';

const examples: LabelledExample[] = [
  { id: '1', text: 'Your invoice for March is attached.', label: 'invoice', numeric: { pageCount: 1 } },
  { id: '2', text: 'Invoice 2024-03: please pay within 30 days.', label: 'invoice', numeric: { pageCount: 2 } },
  { id: '3', text: 'Win a FREE cruise!!! Click now 🎉', label: 'spam', numeric: { pageCount: 1 } },
  { id: '4', text: 'Meeting notes: the invoice process changes in March.', label: 'memo' },
];

const fullSpec: FeaturizerSpecInput = {
  vocabulary: { minCount: 1, maxSize: 1000 },
  wordNgrams: { maxN: 3, buckets: 1024 },
  charNgrams: { minN: 3, maxN: 5, buckets: 2048 },
  weighting: { kind: 'tfidf', sublinearTf: true, smoothIdf: true, norm: 'l2' },
  numeric: { features: ['pageCount', 'textCoverage'] },
};

function expectWellFormed(vector: SparseVector, featurizer: TextFeaturizer): void {
  expect(vector.ids.length).toBe(vector.values.length);
  vector.ids.forEach((id, index) => {
    expect(id).toBeGreaterThanOrEqual(0);
    expect(id).toBeLessThan(featurizer.dimension);
    if (index > 0) expect(id).toBeGreaterThan(vector.ids[index - 1] ?? Infinity);
  });
  expect(vector.values.every(Number.isFinite)).toBe(true);
}

const squaredNorm = (values: Float32Array): number => values.reduce((sum, value) => sum + value * value, 0);

describe('featurizerSpecSchema', () => {
  it('fills the documented defaults', () => {
    expect(featurizerSpecSchema.parse({})).toEqual({
      tokenizer: {
        lowercase: true,
        foldAccents: false,
        minLength: 1,
        maxLength: 64,
        keepNumbers: true,
        keepEmoji: true,
        splitApostrophes: false,
        splitHyphens: false,
      },
      vocabulary: { minCount: 1, maxSize: 50_000 },
      wordNgrams: { maxN: 2, buckets: 2 ** 18 },
      charNgrams: null,
      weighting: { kind: 'tfidf', sublinearTf: true, smoothIdf: true, norm: 'l2' },
      numeric: null,
    });
    expect(featurizerSpecSchema.parse({ wordNgrams: null, charNgrams: {} })).toMatchObject({
      wordNgrams: null,
      charNgrams: { minN: 3, maxN: 5, buckets: 2 ** 18 },
    });
  });

  it('rejects unknown fields and bad values', () => {
    expect(() => featurizerSpecSchema.parse({ vocab: {} })).toThrow();
    expect(() => featurizerSpecSchema.parse({ weighting: { kind: 'bm25' } })).toThrow();
    expect(() => featurizerSpecSchema.parse({ vocabulary: { minCount: 0 } })).toThrow();
  });
});

describe('fitTextFeaturizer', () => {
  it('lays out vocabulary, word n-grams, character n-grams and numeric features in disjoint ranges', () => {
    const featurizer = fitTextFeaturizer(fullSpec, examples);
    const vocabularySize = featurizer.vocabulary.size;
    expect(featurizer.layout).toEqual({
      vocabulary: { start: 0, size: vocabularySize },
      wordNgrams: { start: vocabularySize, size: 1024 },
      charNgrams: { start: vocabularySize + 1024, size: 2048 },
      numeric: { start: vocabularySize + 3072, size: 2 },
    });
    expect(featurizer.dimension).toBe(vocabularySize + 3072 + 2);
    const vector = featurizer.transform('The invoice is attached', { pageCount: 5 });
    expectWellFormed(vector, featurizer);
    const inRange = (range: { start: number; size: number }) =>
      [...vector.ids].filter((id) => id >= range.start && id < range.start + range.size).length;
    expect(inRange(featurizer.layout.vocabulary)).toBe(4);
    expect(inRange(featurizer.layout.wordNgrams)).toBeGreaterThan(0);
    expect(inRange(featurizer.layout.charNgrams)).toBeGreaterThan(0);
    expect(vector.ids.at(-1)).toBe(featurizer.layout.numeric.start);
  });

  it('normalises the TF-IDF text part to unit length and appends numeric values unscaled by it', () => {
    const featurizer = fitTextFeaturizer(fullSpec, examples);
    const textOnly = featurizer.transform('invoice for March');
    expect(squaredNorm(textOnly.values)).toBeCloseTo(1, 5);
    const withNumeric = featurizer.transform('invoice for March', { pageCount: 5 });
    expect(withNumeric.ids.length).toBe(textOnly.ids.length + 1);
    expect(withNumeric.values.at(-1)).toBeCloseTo((5 - 4 / 3) / Math.sqrt(2 / 9), 4);
  });

  it('weights every feature occurrence by 1 / total with mean weighting', () => {
    const featurizer = fitTextFeaturizer({ ...fullSpec, weighting: { kind: 'mean' }, numeric: null }, examples);
    const vector = featurizer.transform('invoice invoice march');
    expect(vector.values.reduce((sum, value) => sum + value, 0)).toBeCloseTo(1, 5);
    const invoiceId = featurizer.vocabulary.idOf('invoice') ?? -1;
    const marchId = featurizer.vocabulary.idOf('march') ?? -1;
    const valueOf = (id: number) => vector.values[[...vector.ids].indexOf(id)];
    expect(valueOf(invoiceId)).toBeCloseTo(2 * (valueOf(marchId) ?? 0), 6);
  });

  it('lets out-of-vocabulary words add only their hashed n-grams', () => {
    const featurizer = fitTextFeaturizer(fullSpec, examples);
    const vector = featurizer.transform('zyxwv qutsr');
    expectWellFormed(vector, featurizer);
    expect(vector.ids[0]).toBeGreaterThanOrEqual(featurizer.layout.wordNgrams.start);
    expect(vector.ids.length).toBeGreaterThan(0);
  });

  it('gives an empty vector for a text without features', () => {
    const featurizer = fitTextFeaturizer(fullSpec, examples);
    for (const text of ['', '   ', '!!! ...']) {
      const vector = featurizer.transform(text);
      expect(vector.ids.length).toBe(0);
      expect(vector.values.length).toBe(0);
    }
    const mean = fitTextFeaturizer({ weighting: { kind: 'mean' }, wordNgrams: null }, examples);
    expect(mean.transform('').ids.length).toBe(0);
    expect(fitTextFeaturizer({}, []).transform('anything at all').ids.length).toBeGreaterThan(0);
  });

  it('describes the token count and out-of-vocabulary rate of a text', () => {
    const featurizer = fitTextFeaturizer({ ...fullSpec, vocabulary: { minCount: 2 } }, examples);
    expect(featurizer.vocabulary.tokens).toEqual(['invoice', 'march']);
    expect(featurizer.describe('Invoice for March, unpaid')).toEqual({ tokens: 4, outOfVocabularyRate: 0.5 });
    expect(featurizer.describe('')).toEqual({ tokens: 0, outOfVocabularyRate: 0 });
  });

  it('rebuilds from a validated state the featurizer its JSON gives', () => {
    const fitted = fitTextFeaturizer(fullSpec, examples);
    const state = textFeaturizerStateSchema.parse(JSON.parse(JSON.stringify(fitted.toJSON())));
    const fromState = textFeaturizerFromState(state);
    const fromJson = textFeaturizerFromJSON(fitted.toJSON());
    for (const text of ['Invoice for March, unpaid', '', 'march march invoice overdue']) {
      expect(Array.from(fromState.transform(text).ids)).toEqual(Array.from(fromJson.transform(text).ids));
      expect(Array.from(fromState.transform(text).values)).toEqual(Array.from(fromJson.transform(text).values));
    }
    expect(() => textFeaturizerFromState({ ...state, tokenizer: { ...state.tokenizer, version: '9.9.9' } })).toThrow(
      TokenizerVersionError,
    );
  });

  it('transforms and describes in one pass exactly as transform and describe do apart', () => {
    const featurizer = fitTextFeaturizer({ ...fullSpec, vocabulary: { minCount: 2 } }, examples);
    for (const text of ['Invoice for March, unpaid', '', 'march march invoice overdue']) {
      const { vector, statistics } = featurizer.transformDescribed(text);
      const alone = featurizer.transform(text);
      expect(Array.from(vector.ids)).toEqual(Array.from(alone.ids));
      expect(Array.from(vector.values)).toEqual(Array.from(alone.values));
      expect(statistics).toEqual(featurizer.describe(text));
    }
  });

  it('reports the spec it was fitted with, defaults applied', () => {
    const featurizer = fitTextFeaturizer(fullSpec, examples);
    expect(featurizer.spec).toEqual(featurizerSpecSchema.parse(fullSpec));
    expect(fitTextFeaturizer({ weighting: { kind: 'mean' } }, examples).spec).toEqual(
      featurizerSpecSchema.parse({ weighting: { kind: 'mean' } }),
    );
  });

  it('is deterministic: fitting twice gives the same state', () => {
    const first = JSON.stringify(fitTextFeaturizer(fullSpec, examples));
    const second = JSON.stringify(fitTextFeaturizer(fullSpec, [...examples]));
    expect(second).toBe(first);
  });
});

describe('textFeaturizerFromJSON', () => {
  it.each([
    ['tfidf with every part', fullSpec],
    ['mean, bigrams only', { weighting: { kind: 'mean' } } satisfies FeaturizerSpecInput],
    [
      'plain tfidf',
      {
        weighting: { kind: 'tfidf', sublinearTf: false, smoothIdf: false, norm: 'none' },
      } satisfies FeaturizerSpecInput,
    ],
  ])('round-trips through JSON text to identical vectors (%s)', (_name, spec) => {
    const featurizer = fitTextFeaturizer(spec, examples);
    const restored = textFeaturizerFromJSON(JSON.parse(JSON.stringify(featurizer.toJSON())));
    expect(restored.dimension).toBe(featurizer.dimension);
    expect(restored.toJSON()).toEqual(featurizer.toJSON());
    for (const { text, numeric } of [...examples, { text: 'A new invoice? Click now', numeric: { pageCount: 9 } }]) {
      expect(restored.transform(text, numeric)).toEqual(featurizer.transform(text, numeric));
    }
  });

  it('stores the tokeniser spec once, and refuses another tokeniser version', () => {
    const state = fitTextFeaturizer(fullSpec, examples).toJSON();
    expect(state.tokenizer.options.lowercase).toBe(true);
    expect('tokenizer' in state.vocabulary).toBe(false);
    expect(() => textFeaturizerFromJSON({ ...state, tokenizer: { ...state.tokenizer, version: '9.9.9' } })).toThrow(
      TokenizerVersionError,
    );
  });

  it('rejects malformed and inconsistent states with a clear error', () => {
    const state = fitTextFeaturizer(fullSpec, examples).toJSON();
    expect(() => textFeaturizerFromJSON(null)).toThrow(FeaturizerStateError);
    expect(() => textFeaturizerFromJSON({ ...state, version: 2 })).toThrow(/invalid text featurizer state/);
    expect(() => textFeaturizerFromJSON({ ...state, wordNgrams: null })).toThrow(/TF-IDF dimension/);
    expect(() => textFeaturizerFromJSON({ ...state, vocabulary: { ...state.vocabulary, tokens: ['a', 'a'] } })).toThrow(
      /not unique/,
    );
  });
});
