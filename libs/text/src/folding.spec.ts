import { describe, expect, it } from 'vitest';
import { caseFold, isAscii, stripAccents } from './folding.js';

describe('caseFold', () => {
  it.each([
    ['Hello WORLD', 'hello world'],
    ['Straße', 'strasse'],
    ['ΟΔΟΣ', 'οδοσ'],
    ['ὈΔΥΣΣΕΎΣ', 'ὀδυσσεύσ'],
    ['ﬁnance', 'finance'],
    ['ПРИВЕТ Мир', 'привет мир'],
    ['日本語', '日本語'],
    ['', ''],
  ])('folds %j to %j', (input, expected) => {
    expect(caseFold(input)).toBe(expected);
  });

  it('folds upper and lower case spellings to the same string', () => {
    expect(caseFold('STRASSE')).toBe(caseFold('straße'));
    expect(caseFold('σοφός')).toBe(caseFold('ΣΟΦΌΣ'));
  });
});

describe('stripAccents', () => {
  it.each([
    ['café naïve résumé', 'cafe naive resume'],
    ['Ångström Øre łódź', 'Angstrom Øre łodz'],
    ['Tiếng Việt', 'Tieng Viet'],
    ['ἀθῆναι', 'αθηναι'],
    ['ёлка', 'елка'],
    ['नमस्ते', 'नमस्ते'],
    ['مَرْحَبًا', 'مَرْحَبًا'],
    ['plain', 'plain'],
  ])('turns %j into %j', (input, expected) => {
    expect(stripAccents(input)).toBe(expected);
  });

  it('returns composed text', () => {
    expect(stripAccents('e\u0301'.normalize('NFD') + 'ñ')).toBe('en');
  });
});

describe('isAscii', () => {
  it('tells ASCII from the rest', () => {
    expect(isAscii('abc 123 ~')).toBe(true);
    expect(isAscii('')).toBe(true);
    expect(isAscii('é')).toBe(false);
    expect(isAscii('😀')).toBe(false);
  });
});
