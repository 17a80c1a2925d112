import { describe, expect, it } from 'vitest';
import { trimLineEnds } from './trim-line-ends.js';

const byRegex = (text: string) => text.replace(/[ \t]+$/gm, '');

describe('trimLineEnds', () => {
  it('removes the blanks at the end of every line, like the multiline regex', () => {
    const samples = [
      '',
      ' ',
      'a \t',
      'a \nb\t\t\nc',
      ' \t \n\n  x  \r\n y \u2028z \u2029 ',
      'no blanks\nat all',
      '\t\tlead\tkept \t',
    ];
    for (const sample of samples) expect(trimLineEnds(sample)).toBe(byRegex(sample));
  });

  it('agrees with the regex on random texts of blanks, letters and line ends', () => {
    const alphabet = [' ', '\t', '\n', '\r', 'a', 'b', '\u2028'];
    let seed = 7;
    const next = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed;
    };
    for (let round = 0; round < 500; round += 1) {
      const text = Array.from({ length: next() % 40 }, () => alphabet[next() % alphabet.length]).join('');
      expect(trimLineEnds(text)).toBe(byRegex(text));
    }
  });

  it('completes on 5 MB of spaces and tabs between two letters (the regex is quadratic there)', () => {
    const blanks = ' \t'.repeat(2_500_000);
    expect(trimLineEnds(`a${blanks}b`)).toBe(`a${blanks}b`);
    expect(trimLineEnds(`a${blanks}\nb${blanks}`)).toBe('a\nb');
  });
});
