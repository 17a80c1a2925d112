import { describe, expect, it } from 'vitest';
import { percentageTagger } from './percentage.tagger.js';
import { DEFAULT_TAGGER_OPTIONS } from './tagger.js';

const tag = (text: string) => percentageTagger.tag(text, DEFAULT_TAGGER_OPTIONS);
const values = (text: string) => tag(text).map((h) => h.value);

describe('percentage tagger', () => {
  it('finds percentages with spans and values', () => {
    expect(tag('Up 12.5% and down -3,2 % today.')).toEqual([
      { tagger: 'percentage', start: 3, end: 8, text: '12.5%', value: 12.5 },
      { tagger: 'percentage', start: 18, end: 24, text: '-3,2 %', value: -3.2 },
    ]);
  });

  it('reads words for percent in several languages', () => {
    expect(values('5 percent, 6 per cent, 7 pour cent, 8 Prozent, 9 por ciento, 10 per cento, 11 procent')).toEqual([
      5, 6, 7, 8, 9, 10, 11,
    ]);
  });

  it('reads thousands separators, signs and full-width percent', () => {
    expect(values('a 1,250.5% rise, 2.000,5 %, +0.5%, −2%, 100％')).toEqual([1250.5, 2000.5, 0.5, -2, 100]);
  });

  it('reads a lone separator before three digits as a decimal mark', () => {
    expect(values('0.125 % and 1,250%')).toEqual([0.125, 1.25]);
  });

  it('takes the second number of a range', () => {
    expect(values('between 10-20% of users')).toEqual([20]);
  });

  it.each(['5 percentage points', 'abc5%', '1.2.3%', '% alone', 'version 5.0', '5 per', 'x%y'])(
    'finds nothing in %j',
    (text) => {
      expect(tag(text)).toEqual([]);
    },
  );

  it('handles empty text', () => {
    expect(tag('')).toEqual([]);
  });
});
