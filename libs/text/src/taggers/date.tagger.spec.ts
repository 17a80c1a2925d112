import { describe, expect, it } from 'vitest';
import { dateTagger, isoDate } from './date.tagger.js';
import { DEFAULT_TAGGER_OPTIONS, type TaggerOptions } from './tagger.js';

const monthFirst: TaggerOptions = { ...DEFAULT_TAGGER_OPTIONS, dateOrder: 'mdy' };
const tag = (text: string, options: TaggerOptions = DEFAULT_TAGGER_OPTIONS) => dateTagger.tag(text, options);
const values = (text: string, options?: TaggerOptions) => tag(text, options).map((h) => h.value);

describe('date tagger', () => {
  it('finds an ISO date with its span', () => {
    expect(tag('Due 2024-03-05.')).toEqual([
      { tagger: 'date', start: 4, end: 14, text: '2024-03-05', value: '2024-03-05' },
    ]);
    expect(values('at 2024-03-05T10:00:00Z and 2024/12/31')).toEqual(['2024-03-05', '2024-12-31']);
  });

  it('reads numeric dates day-first or month-first as declared', () => {
    expect(values('05/03/2024, 5.3.2024, 05-03-2024')).toEqual(['2024-03-05', '2024-03-05', '2024-03-05']);
    expect(values('05/03/2024, 12/25/2024', monthFirst)).toEqual(['2024-05-03', '2024-12-25']);
    expect(values('12/25/2024')).toEqual([]);
  });

  it.each([
    ['5 March 2024', '2024-03-05'],
    ['5th March 2024', '2024-03-05'],
    ['the 21st of June 2024', '2024-06-21'],
    ['March 5, 2024', '2024-03-05'],
    ['Mar. 5th 2024', '2024-03-05'],
    ['Sept 30, 2023', '2023-09-30'],
    ['Tue, 5 Mar 2024 10:00:00 +0000', '2024-03-05'],
    ['1er mars 2024', '2024-03-01'],
    ['le 14 juillet 1789', '1789-07-14'],
    ['5. März 2024', '2024-03-05'],
    ['3. Oktober 1990', '1990-10-03'],
    ['5 de marzo de 2024', '2024-03-05'],
    ['25 dicembre 2024', '2024-12-25'],
    ['5 december 2024', '2024-12-05'],
    ['5 de março de 2024', '2024-03-05'],
    ['29 FEBRUARY 2024', '2024-02-29'],
  ])('reads %j', (text, expected) => {
    expect(values(`On ${text}, it happened.`)).toEqual([expected]);
  });

  it.each([
    ['31/02/2024', 'no 31 February'],
    ['29/02/2023', 'not a leap year'],
    ['2024-13-01', 'no month 13'],
    ['2024-00-10', 'no month 0'],
    ['32 March 2024', 'no day 32'],
    ['0 March 2024', 'no day 0'],
    ['5 March 0999', 'year out of range'],
    ['05/03/24', 'two-digit year'],
    ['05/03-2024', 'mixed separators'],
    ['1.2.3.2024', 'part of a version'],
    ['12345-03-05', 'inside a longer number'],
    ['March 2024', 'no day'],
    ['5 Marchx 2024', 'not a month'],
    ['2024-03-051', 'more digits after'],
  ])('rejects %j (%s)', (text) => {
    expect(tag(`x ${text} y`)).toEqual([]);
  });

  it('finds several dates and no overlapping hits', () => {
    expect(values('From 1 March 2024 to 2024-03-31, then 04/05/2024.')).toEqual([
      '2024-03-01',
      '2024-03-31',
      '2024-05-04',
    ]);
  });

  it('handles empty and long texts', () => {
    expect(tag('')).toEqual([]);
    expect(values(`${'12/'.repeat(100_000)} 01/01/2000`)).toEqual(['2000-01-01']);
  });
});

describe('isoDate', () => {
  it('validates calendar dates', () => {
    expect(isoDate({ year: '2000', month: '2', day: '29' })).toBe('2000-02-29');
    expect(isoDate({ year: '1900', month: '2', day: '29' })).toBeUndefined();
    expect(isoDate({ year: '2024', month: 'Juin', day: '1' })).toBe('2024-06-01');
    expect(isoDate({ year: '2024', month: 'smarch', day: '1' })).toBeUndefined();
  });
});
