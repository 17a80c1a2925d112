import { describe, expect, it } from 'vitest';
import {
  TOKENIZER_VERSION,
  TokenizerVersionError,
  createTokenizer,
  createTokenizerFromSpec,
  tokenize,
  tokenizerSpec,
} from './tokenizer.js';
import { referenceTokenize } from './reference-tokenizer.js';
import { TOKEN_KIND_CODES, TokenBuffer } from './token-buffer.js';
import { tokenizerOptionsSchema, type Token, type TokenizerOptionsInput } from './tokenizer-options.js';

const values = (text: string, options?: TokenizerOptionsInput) => tokenize(text, options).map((t) => t.text);

function expectSpansPointIntoInput(text: string, tokens: readonly Token[]): void {
  let previousEnd = 0;
  for (const token of tokens) {
    expect(token.start).toBeGreaterThanOrEqual(previousEnd);
    expect(token.end).toBeGreaterThan(token.start);
    expect(text.slice(token.start, token.end).normalize('NFKC').toLowerCase()).toBe(
      token.text.normalize('NFKC').toLowerCase(),
    );
    previousEnd = token.end;
  }
}

describe('tokenize', () => {
  it('splits words, numbers and punctuation with spans into the input', () => {
    const text = 'Hello, World! It costs 3.14 or 1,000,000.';
    const tokens = tokenize(text);
    expect(tokens).toEqual([
      { text: 'hello', start: 0, end: 5, kind: 'word' },
      { text: 'world', start: 7, end: 12, kind: 'word' },
      { text: 'it', start: 14, end: 16, kind: 'word' },
      { text: 'costs', start: 17, end: 22, kind: 'word' },
      { text: '3.14', start: 23, end: 27, kind: 'number' },
      { text: 'or', start: 28, end: 30, kind: 'word' },
      { text: '1,000,000', start: 31, end: 40, kind: 'number' },
    ]);
    expectSpansPointIntoInput(text, tokens);
  });

  it('joins apostrophes and hyphens unless told to split them', () => {
    const text = "Don't l'homme O’Neil state-of-the-art dogs' -x 1'000";
    expect(values(text)).toEqual(["don't", "l'homme", 'o’neil', 'state-of-the-art', 'dogs', 'x', "1'000"]);
    expect(values(text, { splitApostrophes: true })).toEqual([
      'don',
      't',
      'l',
      'homme',
      'o',
      'neil',
      'state-of-the-art',
      'dogs',
      'x',
      "1'000",
    ]);
    expect(values('state-of-the-art e‐mail', { splitHyphens: true })).toEqual([
      'state',
      'of',
      'the',
      'art',
      'e',
      'mail',
    ]);
  });

  it('keeps case, folds accents and drops numbers on request', () => {
    expect(values('Café Naïve', { lowercase: false })).toEqual(['Café', 'Naïve']);
    expect(values('Café Naïve Straße', { foldAccents: true })).toEqual(['cafe', 'naive', 'strasse']);
    expect(values('2024 v2 covid19 3.14 end', { keepNumbers: false })).toEqual(['v2', 'covid19', 'end']);
  });

  it('filters by length in code points of the value', () => {
    expect(values('a bb ccc dddd', { minLength: 2, maxLength: 3 })).toEqual(['bb', 'ccc']);
    expect(values('𝒳𝒳 ab', { minLength: 2, maxLength: 2, lowercase: false })).toEqual(['XX', 'ab']);
    expect(values(`short ${'x'.repeat(65)}`)).toEqual(['short']);
  });

  it('normalises values with NFKC while spans keep the raw text', () => {
    const text = 'ｆｕｌｌ ﬁnance cafe\u0301 ①';
    const tokens = tokenize(text);
    expect(tokens.map((t) => t.text)).toEqual(['full', 'finance', 'café', '1']);
    expect(text.slice(tokens[2]?.start, tokens[2]?.end)).toBe('cafe\u0301');
  });

  it('tokenises non-Latin scripts', () => {
    expect(values('Привет, мир! Γειά σου κόσμε')).toEqual(['привет', 'мир', 'γειά', 'σου', 'κόσμε']);
    expect(values('مرحبا بالعالم שלום עולם')).toEqual(['مرحبا', 'بالعالم', 'שלום', 'עולם']);
    expect(values('नमस्ते दुनिया 한국어 문장 สวัสดีครับ')).toEqual(['नमस्ते', 'दुनिया', '한국어', '문장', 'สวัสดีครับ']);
  });

  it('makes one token per Han, Hiragana or Katakana character', () => {
    const text = '日本語のテキスト、中文。';
    const tokens = tokenize(text);
    expect(tokens.map((t) => t.text)).toEqual(['日', '本', '語', 'の', 'テ', 'キ', 'ス', 'ト', '中', '文']);
    expectSpansPointIntoInput(text, tokens);
  });

  it('keeps emoji sequences whole and can drop them', () => {
    const text = 'I ❤ NY 👍🏽 👨‍👩‍👧 🇫🇷 1️⃣ ©2024 Acme™';
    const tokens = tokenize(text);
    expect(tokens.map((t) => [t.text, t.kind])).toEqual([
      ['i', 'word'],
      ['❤', 'emoji'],
      ['ny', 'word'],
      ['👍🏽', 'emoji'],
      ['👨‍👩‍👧', 'emoji'],
      ['🇫🇷', 'emoji'],
      ['1️⃣', 'emoji'],
      ['2024', 'number'],
      ['acme', 'word'],
    ]);
    expect(text.slice(tokens[4]?.start, tokens[4]?.end)).toBe('👨‍👩‍👧');
    expect(values(text, { keepEmoji: false })).toEqual(['i', 'ny', '2024', 'acme']);
  });

  it('returns nothing for empty, blank or punctuation-only input', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize(' \n\t')).toEqual([]);
    expect(tokenize('... -- !!! ©')).toEqual([]);
  });

  it('tokenises a very long input', () => {
    const text = 'Lorem ipsum dolor sit amet, 42 café. '.repeat(30_000);
    const tokens = tokenize(text);
    expect(tokens).toHaveLength(7 * 30_000);
    expect(tokens.at(-1)).toEqual({ text: 'café', start: text.length - 6, end: text.length - 2, kind: 'word' });
    expect(tokenize('a'.repeat(1_000_000), { maxLength: 1000 })).toEqual([]);
    expect(tokenize(`${'9'.repeat(500_000)}x`)).toEqual([]);
  });

  it('is deterministic', () => {
    const text = "Mixed: Straße, 👍🏽, 日本, don't, 3.14 — and more.";
    expect(tokenize(text)).toEqual(tokenize(text));
    expect(createTokenizer().tokenize(text)).toEqual(createTokenizer({}).tokenize(text));
  });
});

describe('tokenizeInto', () => {
  const valuesIn = (buffer: TokenBuffer): string[] =>
    Array.from({ length: buffer.count }, (_, index) =>
      String.fromCharCode(...buffer.chars.subarray(buffer.valueStarts[index], buffer.valueEnds[index])),
    );

  it('writes the tokens of tokenize into a reusable buffer', () => {
    const tokenizer = createTokenizer();
    const buffer = new TokenBuffer();
    const text = "Straße, DON'T 3.14 日本 👍🏽 ﬁnance x-y";
    tokenizer.tokenizeInto(text, buffer);
    const tokens = tokenizer.tokenize(text);
    expect(buffer.count).toBe(tokens.length);
    expect(valuesIn(buffer)).toEqual(tokens.map((token) => token.text));
    tokens.forEach((token, index) => {
      expect(buffer.value(index)).toBe(token.text);
      expect(buffer.kind(index)).toBe(token.kind);
      expect(buffer.kinds[index]).toBe(TOKEN_KIND_CODES[token.kind]);
      expect([buffer.starts[index], buffer.ends[index]]).toEqual([token.start, token.end]);
    });
    tokenizer.tokenizeInto('Two WORDS', buffer);
    expect(valuesIn(buffer)).toEqual(['two', 'words']);
    expect(buffer.value(0)).toBe('two');
  });

  it('writes the values one after another, a dropped token leaving no gap', () => {
    const buffer = new TokenBuffer();
    const text = "a Straße 12 too-long-to-keep DON'T x 日本 👍🏽 3.14 ﬁnance y";
    createTokenizer({ minLength: 2, maxLength: 8, keepNumbers: false }).tokenizeInto(text, buffer);
    expect(buffer.count).toBeGreaterThanOrEqual(4);
    for (let index = 0; index < buffer.count; index++) {
      expect(buffer.valueStarts[index]).toBe(index === 0 ? 0 : buffer.valueEnds[index - 1]);
    }
    expect(buffer.valueEnds[buffer.count - 1]).toBe(buffer.charCount);
  });

  it('grows for long texts and long values', () => {
    const buffer = new TokenBuffer();
    const text = `${'word '.repeat(5000)}${'ﷺ'.repeat(40)}`;
    createTokenizer({ maxLength: 1000 }).tokenizeInto(text, buffer);
    expect(buffer.count).toBe(5001);
    expect(buffer.charCount).toBe(4 * 5000 + 18 * 40);
    expect(buffer.value(5000)).toBe('ﷺ'.repeat(40).normalize('NFKC'));
  });

  it('agrees with the regular-expression reference where ASCII and other characters meet', () => {
    const texts = [
      'café naïve cafe\u0301 x\u20e3 1\u20e3 12\u20e3 #\ufe0f\u20e3 *\u20e3 #x',
      "don’t a’é a'é 1'² 1.٣ ٣.1 1,2 a-é a‐b a‑b e-\u0301 a-日 a'日 日a 1日",
      'a\u00a0b a“b” x—y ©2024 Acme™ ‼️ 🇫🇷🇫 \ud800a \udc00b a\ud83d 😀\u200d',
      `${'a'.repeat(64)} ${'b'.repeat(65)}é ${'1'.repeat(70)}`,
    ];
    const optionSets: TokenizerOptionsInput[] = [
      {},
      { splitApostrophes: true, splitHyphens: true },
      { lowercase: false, foldAccents: true, keepNumbers: false, keepEmoji: false, minLength: 2 },
    ];
    for (const options of optionSets) {
      const tokenizer = createTokenizer(options);
      for (const text of texts) expect(tokenizer.tokenize(text)).toEqual(referenceTokenize(text, tokenizer.options));
    }
  });
});

describe('tokenizer options and specs', () => {
  it('fills defaults and serialises to JSON that rebuilds the same tokenizer', () => {
    const tokenizer = createTokenizer({ minLength: 2, splitHyphens: true });
    const spec = tokenizerSpec(tokenizer);
    expect(spec).toEqual({
      version: TOKENIZER_VERSION,
      options: {
        lowercase: true,
        foldAccents: false,
        minLength: 2,
        maxLength: 64,
        keepNumbers: true,
        keepEmoji: true,
        splitApostrophes: false,
        splitHyphens: true,
      },
    });
    const rebuilt = createTokenizerFromSpec(JSON.parse(JSON.stringify(spec)));
    const text = 'A state-of-the-art tokenizer, x y z.';
    expect(rebuilt.tokenize(text)).toEqual(tokenizer.tokenize(text));
    expect(Object.isFrozen(tokenizer.options)).toBe(true);
  });

  it('refuses a spec from another version', () => {
    expect(() => createTokenizerFromSpec({ version: '0.9.0', options: {} })).toThrow(TokenizerVersionError);
    expect(() => createTokenizerFromSpec({ version: TOKENIZER_VERSION, options: { lowercase: 'yes' } })).toThrow();
  });

  it('rejects invalid options with the field path', () => {
    const result = tokenizerOptionsSchema.safeParse({ minLength: 5, maxLength: 2 });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['maxLength']);
    expect(tokenizerOptionsSchema.safeParse({ stem: true }).success).toBe(false);
    expect(tokenizerOptionsSchema.safeParse({ minLength: 0 }).success).toBe(false);
  });
});
