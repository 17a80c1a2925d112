import { describe, expect, it } from 'vitest';
import { parseLocalizedNumber } from './number-format.js';

describe('parseLocalizedNumber', () => {
  it.each([
    ['42', 42],
    ['1,234.56', 1234.56],
    ['1.234,56', 1234.56],
    ["1'234.50", 1234.5],
    ['1’234', 1234],
    ['1 234 567,89', 1234567.89],
    ['1\u00a0234', 1234],
    ['1\u202f234,5', 1234.5],
    ['12,5', 12.5],
    ['12.50', 12.5],
    ['1.234.567', 1234567],
    ['1,234,567', 1234567],
    ['0.125', 0.125],
  ])('reads %j as %d', (raw, expected) => {
    expect(parseLocalizedNumber(raw, 'grouping')).toBe(expected);
  });

  it('reads a lone separator before three digits as configured', () => {
    expect(parseLocalizedNumber('1.500', 'grouping')).toBe(1500);
    expect(parseLocalizedNumber('1,500', 'grouping')).toBe(1500);
    expect(parseLocalizedNumber('1.500', 'decimal')).toBe(1.5);
    expect(parseLocalizedNumber('2,125', 'decimal')).toBe(2.125);
  });

  it.each(['', '1,23,4', '1.234,567.8', '12345,678.9', '1..2', '1,', ',5', '1 2', '1.2.3', '1,234 5', '01,234'])(
    'rejects %j',
    (raw) => {
      expect(parseLocalizedNumber(raw, 'grouping')).toBeUndefined();
    },
  );
});
