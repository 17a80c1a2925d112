import { describe, expect, it } from 'vitest';
import { normalizeOptionsSchema, normalizeText, parseNormalizeOptions } from './normalize.js';

const defaults = parseNormalizeOptions();

describe('normalizeText', () => {
  it('applies NFKC and collapses whitespace by default', () => {
    expect(normalizeText('  Ｈｅｌｌｏ\u00a0\u00a0ｗｏｒｌｄ\t①  ﬁne\r\n', defaults)).toBe('Hello world 1 fine');
  });

  it('composes decomposed letters', () => {
    expect(normalizeText('cafe\u0301', defaults)).toBe('café');
    expect(normalizeText('cafe\u0301', parseNormalizeOptions({ form: 'NFC' }))).toBe('café');
    expect(normalizeText('cafe\u0301', parseNormalizeOptions({ form: 'none' }))).toBe('cafe\u0301');
  });

  it('keeps compatibility characters with NFC', () => {
    expect(normalizeText('ﬁ ①', parseNormalizeOptions({ form: 'NFC' }))).toBe('ﬁ ①');
  });

  it('removes controls and invisible format characters but keeps ZWJ sequences', () => {
    const family = '👨\u200d👩\u200d👧';
    expect(normalizeText(`a\u0000b\u00adc\u200bd\ufeffe\u202eg ${family}`, defaults)).toBe(`abcdeg ${family}`);
    expect(normalizeText('a\u0000b', parseNormalizeOptions({ removeControls: false }))).toBe('a\u0000b');
  });

  it('folds case and strips accents on request', () => {
    const options = parseNormalizeOptions({ caseFold: true, stripAccents: true });
    expect(normalizeText('Crème BRÛLÉE in der Straße', options)).toBe('creme brulee in der strasse');
  });

  it('keeps line structure in lines mode', () => {
    const options = parseNormalizeOptions({ whitespace: 'lines' });
    expect(normalizeText('  one  two \r\n three\n \n\n four\u2029five \u2028six ', options)).toBe(
      'one two\nthree\n\nfour\n\nfive\nsix',
    );
  });

  it('changes no whitespace in keep mode', () => {
    expect(normalizeText(' a \n b ', parseNormalizeOptions({ whitespace: 'keep' }))).toBe(' a \n b ');
  });

  it('handles empty, blank and non-Latin text', () => {
    expect(normalizeText('', defaults)).toBe('');
    expect(normalizeText(' \n\t ', defaults)).toBe('');
    expect(normalizeText('  日本語の　テキスト  ', defaults)).toBe('日本語の テキスト');
    expect(normalizeText('مرحبا   بالعالم', defaults)).toBe('مرحبا بالعالم');
  });

  it('normalises a very long text', () => {
    const text = 'Ｌｏｒｅｍ   ipsum\u00a0dolor. '.repeat(50_000);
    const result = normalizeText(text, defaults);
    expect(result.startsWith('Lorem ipsum dolor. Lorem')).toBe(true);
    expect(result.length).toBe('Lorem ipsum dolor. '.length * 50_000 - 1);
  });
});

describe('normalizeOptionsSchema', () => {
  it('fills defaults and round-trips through JSON', () => {
    expect(defaults).toEqual({
      form: 'NFKC',
      whitespace: 'collapse',
      caseFold: false,
      stripAccents: false,
      removeControls: true,
    });
    expect(normalizeOptionsSchema.parse(JSON.parse(JSON.stringify(defaults)))).toEqual(defaults);
  });

  it('rejects unknown fields and values', () => {
    expect(normalizeOptionsSchema.safeParse({ lowercase: true }).success).toBe(false);
    expect(normalizeOptionsSchema.safeParse({ form: 'NFD' }).success).toBe(false);
  });
});
