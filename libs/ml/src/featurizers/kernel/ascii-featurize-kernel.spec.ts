import { createTokenizer } from '@mlops/text';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SparseVector } from '../../core/sparse-vector.js';
import type { FeaturizerSpecInput } from '../featurizer-spec.js';
import { fnv1a } from '../fnv1a.js';
import { TokenIdTable } from '../token-id-table.js';
import { fitTextFeaturizer, textFeaturizerFromJSON, type TextFeaturizer } from '../text-featurizer.js';
import { AsciiFeaturizeKernel, KERNEL_MAX_TEXT_LENGTH } from './ascii-featurize-kernel.js';

/** A deterministic generator of 32-bit values (mulberry32). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let value = Math.imul(state ^ (state >>> 15), state | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 2 ** 32;
  };
}

const PIECES = [
  'the',
  'The',
  'INVOICE',
  'invoice',
  'e-mail',
  "don't",
  "rock'n'roll",
  '3.14',
  '1,000',
  "90's",
  "'quoted'",
  'x--y',
  'a-',
  '-b',
  'end.',
  '.5',
  '2024-03-01',
  'A1b2',
  '#',
  '*',
  '42',
  'x',
  'state-of-the-art',
  "l'homme",
  'ab',
  'abcdefghij',
  '  ',
  '\n',
  '\t',
  '...',
  ',',
  ';',
  '!',
  '"',
  '(',
  ')',
  'http://example.org/a-b?c=1',
];

/** ASCII texts full of the joins the tokeniser rules decide on: digits, apostrophes, hyphens, full stops, commas. */
function asciiTexts(count: number, seed: number): string[] {
  const next = random(seed);
  return Array.from({ length: count }, () => {
    const parts: string[] = [];
    const length = 1 + Math.floor(next() * 40);
    for (let index = 0; index < length; index++) {
      parts.push(PIECES[Math.floor(next() * PIECES.length)] ?? '');
      const glue = next();
      parts.push(glue < 0.6 ? ' ' : glue < 0.7 ? '' : glue < 0.8 ? '-' : glue < 0.9 ? "'" : '.');
    }
    return parts.join('');
  });
}

function expectSameVector(actual: SparseVector, expected: SparseVector): void {
  expect(Array.from(actual.ids)).toEqual(Array.from(expected.ids));
  expect(Array.from(actual.values)).toEqual(Array.from(expected.values));
}

function bothPaths(spec: FeaturizerSpecInput, training: readonly string[]): [TextFeaturizer, TextFeaturizer] {
  const fitted = fitTextFeaturizer(
    spec,
    training.map((text) => ({ text })),
  );
  const state = JSON.parse(JSON.stringify(fitted.toJSON())) as unknown;
  return [textFeaturizerFromJSON(state), textFeaturizerFromJSON(state, { asciiKernel: false })];
}

const training = asciiTexts(300, 1);
const texts = [...asciiTexts(600, 2), '', '...', '   ', 'x', 'one 2 three', `${'spam '.repeat(300)}eggs`];

const SPECS: Readonly<Record<string, FeaturizerSpecInput>> = {
  defaults: {},
  'case kept, apostrophes and hyphens split, no numbers, 2 to 5 characters': {
    tokenizer: {
      lowercase: false,
      splitApostrophes: true,
      splitHyphens: true,
      keepNumbers: false,
      minLength: 2,
      maxLength: 5,
    },
  },
  'word 2- to 4-grams in 1,009 buckets, mean weighting': {
    wordNgrams: { maxN: 4, buckets: 1009 },
    weighting: { kind: 'mean' },
  },
  'bigrams in 1,000 buckets, raw tf, no smoothing, no norm, small vocabulary': {
    vocabulary: { maxSize: 20 },
    wordNgrams: { maxN: 2, buckets: 1000 },
    weighting: { kind: 'tfidf', sublinearTf: false, smoothIdf: false, norm: 'none' },
  },
  'no word n-grams, vocabulary of words seen twice': { wordNgrams: null, vocabulary: { minCount: 2 } },
  'numeric features appended': { numeric: { features: ['pages'] } },
};

describe('the featurize kernel', () => {
  for (const [name, spec] of Object.entries(SPECS)) {
    it(`gives the TypeScript path's vectors and statistics on generated ASCII text (${name})`, () => {
      const [withKernel, withoutKernel] = bothPaths(spec, training);
      for (const text of texts) {
        expectSameVector(withKernel.transform(text, { pages: 3 }), withoutKernel.transform(text, { pages: 3 }));
        expect(withKernel.describe(text)).toEqual(withoutKernel.describe(text));
      }
    });
  }

  it('counts a feature seen 256 times or more with the same logarithm as TypeScript', () => {
    const [withKernel, withoutKernel] = bothPaths({}, ['spam eggs', 'spam ham']);
    for (const repeats of [255, 256, 257, 1000, 4099]) {
      const text = 'spam '.repeat(repeats);
      expectSameVector(withKernel.transform(text), withoutKernel.transform(text));
    }
  });

  it('separates tokens at non-ASCII punctuation and leaves texts with other non-ASCII characters, or too long, to the TypeScript path', () => {
    const kernel = AsciiFeaturizeKernel.create({
      tokenizer: createTokenizer().options,
      vocabulary: ['café', 'cafe', 'the'],
      vocabularySlots: new TokenIdTable(['café', 'cafe', 'the']).slots,
      wordNgrams: { maxN: 2, buckets: 16, offset: 3 },
      weighting: { kind: 'mean' },
      dimension: 19,
    });
    const vector = kernel?.transform('The\u00a0\u201ccafe\u201d\u2014');
    expect(Array.from(vector?.ids ?? [])).toEqual([1, 2, 3 + (fnv1a('the cafe') % 16)]);
    expect(Array.from(vector?.values ?? [])).toEqual([1 / 3, 1 / 3, 1 / 3].map(Math.fround));
    expect([kernel?.tokens, kernel?.outOfVocabulary]).toEqual([2, 0]);
    const leftAlone = [
      'the café',
      'it\u2019s',
      'emoji 🎉',
      'lone \ud800 surrogate',
      '\ufffd',
      '½',
      '中文',
      'x'.repeat(KERNEL_MAX_TEXT_LENGTH + 1),
    ];
    for (const text of leftAlone) expect(kernel?.transform(text)).toBeNull();
    expect(kernel?.transform('the cafe')?.ids.length).toBe(3);
  });

  it("gives the TypeScript path's vectors on generated text with neutral and other non-ASCII characters", () => {
    const next = random(7);
    const nonAscii = [
      '\u00a0',
      '\u201c',
      '\u201d',
      '\u2014',
      '\u2022',
      '\u20ac',
      '\u00ab',
      '\u00bb',
      '\u0080',
      '\u3000',
      '\u00bf',
      '\u00e9',
      '\u2019',
      '\u00bd',
      '\u4e2d',
      '🎉',
      '\ud800',
      '\ufffd',
      '\u0301',
      '\ufe0f',
    ];
    const mixed = asciiTexts(800, 8).map((text) => {
      let out = '';
      for (const char of text) out += next() < 0.08 ? (nonAscii[Math.floor(next() * nonAscii.length)] ?? '') : char;
      return out;
    });
    const [withKernel, withoutKernel] = bothPaths({}, [...training, ...mixed.slice(0, 100)]);
    for (const text of mixed) {
      expectSameVector(withKernel.transform(text), withoutKernel.transform(text));
      expect(withKernel.describe(text)).toEqual(withoutKernel.describe(text));
    }
    const [caseKept, caseKeptTypeScript] = bothPaths(
      { tokenizer: { lowercase: false, keepNumbers: false, splitHyphens: true } },
      mixed.slice(0, 200),
    );
    for (const text of mixed) expectSameVector(caseKept.transform(text), caseKeptTypeScript.transform(text));
  });

  it("featurizes the TypeScript tokeniser's tokens of a text its scan does not take, as the TypeScript path does", () => {
    const next = random(11);
    const words = [
      'café',
      'Café',
      'naïve',
      'straße',
      'STRASSE',
      'ﬁle',
      'Ωmega',
      'москва',
      'Москва',
      '東京',
      'ひらがな',
      'عربي',
      'हिन्दी',
      'it’s',
      'e\u0301',
      '🎉',
      '👍🏽',
      '1️⃣',
      '½',
      '٣٤',
      'the',
      'invoice',
      "don't",
      '3.14',
      'x',
    ];
    const multilingual = Array.from({ length: 400 }, () =>
      Array.from({ length: 1 + Math.floor(next() * 30) }, () => words[Math.floor(next() * words.length)] ?? '').join(
        next() < 0.8 ? ' ' : '\u00a0',
      ),
    );
    const transformTokens = vi.spyOn(AsciiFeaturizeKernel.prototype, 'transformTokens');
    try {
      for (const spec of [
        SPECS.defaults,
        SPECS['word 2- to 4-grams in 1,009 buckets, mean weighting'],
        SPECS['case kept, apostrophes and hyphens split, no numbers, 2 to 5 characters'],
      ]) {
        const [withKernel, withoutKernel] = bothPaths(spec ?? {}, multilingual.slice(0, 200));
        for (const text of multilingual) {
          expectSameVector(withKernel.transform(text), withoutKernel.transform(text));
          expect(withKernel.describe(text)).toEqual(withoutKernel.describe(text));
        }
      }
      expect(transformTokens).toHaveBeenCalled();
    } finally {
      transformTokens.mockRestore();
    }
  });

  it('grows its text and feature room for a longer text and keeps the answers of shorter ones', () => {
    const [withKernel, withoutKernel] = bothPaths({}, training);
    const long = asciiTexts(400, 3).join(' ');
    expect(long.length).toBeGreaterThan(8192);
    for (const text of ['short text', long, 'short text again', long.slice(0, 5000)]) {
      expectSameVector(withKernel.transform(text), withoutKernel.transform(text));
    }
  });

  describe('when the kernel fails', () => {
    afterEach(() => {
      vi.restoreAllMocks();
    });

    it('featurizes on the TypeScript path when no kernel can be made (no WebAssembly)', () => {
      const create = vi.spyOn(AsciiFeaturizeKernel, 'create').mockImplementation(() => {
        throw new Error('WebAssembly is not defined');
      });
      const [withKernel, withoutKernel] = bothPaths({}, training);
      for (const text of texts.slice(0, 50))
        expectSameVector(withKernel.transform(text), withoutKernel.transform(text));
      expect(create).toHaveBeenCalledTimes(1);
    });

    it('stops using a kernel that threw in the middle of a text, and answers that text on the TypeScript path', () => {
      const [withKernel, withoutKernel] = bothPaths({}, training);
      withKernel.transform('make the kernel');
      const transform = vi.spyOn(AsciiFeaturizeKernel.prototype, 'transform').mockImplementation(() => {
        throw new RangeError('WebAssembly.Memory.grow(): Maximum memory size exceeded');
      });
      for (const text of texts.slice(0, 50))
        expectSameVector(withKernel.transform(text), withoutKernel.transform(text));
      expect(transform).toHaveBeenCalledTimes(1);
    });
  });
});
