import { createTokenizer, referenceTokenize, type Token, type TokenizerOptionsInput } from '@mlops/text';
import { describe, expect, it } from 'vitest';
import { differentialCorpora } from './corpora.js';
import { multilingualTexts } from './multilingual.js';

/** The first token where `actual` differs from `expected`, described, or undefined when they are equal. */
function firstDifference(text: string, actual: readonly Token[], expected: readonly Token[]): string | undefined {
  for (let index = 0; index < Math.max(actual.length, expected.length); index++) {
    const a = actual[index];
    const e = expected[index];
    if (a?.text !== e?.text || a?.start !== e?.start || a?.end !== e?.end || a?.kind !== e?.kind) {
      return `token ${index} of ${JSON.stringify(text.slice(0, 120))}: ${JSON.stringify(a)} instead of ${JSON.stringify(e)}`;
    }
  }
  return undefined;
}

function differences(texts: readonly string[], options: TokenizerOptionsInput): string[] {
  const tokenizer = createTokenizer(options);
  const found: string[] = [];
  for (const text of texts) {
    const difference = firstDifference(text, tokenizer.tokenize(text), referenceTokenize(text, tokenizer.options));
    if (difference !== undefined && found.push(difference) >= 5) break;
  }
  return found;
}

const SPLITS: readonly TokenizerOptionsInput[] = [
  { splitApostrophes: true },
  { splitHyphens: true },
  { splitApostrophes: true, splitHyphens: true },
];

function optionGrid(): TokenizerOptionsInput[] {
  const grid: TokenizerOptionsInput[] = [];
  for (let bits = 0; bits < 64; bits++) {
    grid.push({
      lowercase: (bits & 1) !== 0,
      foldAccents: (bits & 2) !== 0,
      keepNumbers: (bits & 4) !== 0,
      keepEmoji: (bits & 8) !== 0,
      splitApostrophes: (bits & 16) !== 0,
      splitHyphens: (bits & 32) !== 0,
      ...[{}, { minLength: 2, maxLength: 5 }, { minLength: 1, maxLength: 1 }, { minLength: 64, maxLength: 1000 }][
        bits % 4
      ],
    });
  }
  return grid;
}

describe('the single-pass tokeniser against the regular-expression reference', { timeout: 120_000 }, () => {
  const corpora = differentialCorpora();

  for (const corpus of corpora) {
    it(`gives the same tokens on ${corpus.name} (${corpus.texts.length} texts) with the default options`, () => {
      expect(differences(corpus.texts, {})).toEqual([]);
    });
    const sample = corpus.texts.filter((_, index) => index % 3 === 0);
    it(`gives the same tokens on every third of ${corpus.name} with apostrophes or hyphens split`, () => {
      expect(SPLITS.flatMap((options) => differences(sample, options))).toEqual([]);
    });
  }

  it('gives the same tokens for every combination of options on generated multilingual text', () => {
    const texts = multilingualTexts(200, 300, 7);
    const found = optionGrid().flatMap((options) =>
      differences(texts, options).map((difference) => `${JSON.stringify(options)}: ${difference}`),
    );
    expect(found).toEqual([]);
  });

  it('has generated texts that reach the rules it compares', () => {
    const tokens = createTokenizer().tokenize(multilingualTexts(4000).join('\n'));
    const kinds = new Set(tokens.map((token) => token.kind));
    expect([...kinds].sort()).toEqual(['emoji', 'number', 'word']);
    const values = new Set(tokens.map((token) => token.text));
    for (const value of ['1,000,000', 'don’t', 'state-of-the-art', '🏴󠁧󠁢󠁥󠁮󠁧󠁿', '👨‍👩‍👧', '1️⃣', '日', 'σοφοσ', 'strasse']) {
      expect(values.has(value), value).toBe(true);
    }
  });
});
