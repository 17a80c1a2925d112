import { describe, expect, it } from 'vitest';
import { fitHeadline } from './deck.js';
import { paginateRows } from './table.js';

describe('paginateRows', () => {
  const rows = (count: number, height = 10) => Array.from({ length: count }, () => height);

  it('keeps a table that fits on one slide', () => {
    expect(paginateRows(rows(5), 10, () => 100)).toEqual([{ from: 0, to: 5 }]);
    expect(paginateRows([], 10, () => 100)).toEqual([{ from: 0, to: 0 }]);
  });

  it('spreads the rows evenly instead of leaving a lone group on the last slide', () => {
    // 6 groups of 3 rows, 30 points each; 5 groups fit on a slide: 3 + 3, not 5 + 1.
    const groupStarts = new Set([0, 3, 6, 9, 12, 15]);
    expect(paginateRows(rows(18), 10, () => 165, groupStarts)).toEqual([
      { from: 0, to: 9 },
      { from: 9, to: 18 },
    ]);
  });

  it('never splits a group, and splits by rows a group taller than a slide', () => {
    // Rows 0–1 are a group that fits; rows 2–5 (40 points with the header: 50) fit on no slide.
    const groupStarts = new Set([0, 2]);
    expect(paginateRows(rows(6), 10, () => 45, groupStarts)).toEqual([
      { from: 0, to: 3 },
      { from: 3, to: 6 },
    ]);
    expect(paginateRows(rows(6), 10, () => 45, new Set([0, 3]))).toEqual([
      { from: 0, to: 3 },
      { from: 3, to: 6 },
    ]);
    expect(paginateRows(rows(6), 10, () => 45, new Set([0, 1, 4]))).toEqual([
      { from: 0, to: 1 },
      { from: 1, to: 4 },
      { from: 4, to: 6 },
    ]);
  });

  it('uses the smaller room of the first slide', () => {
    const pages = paginateRows(rows(12), 10, (slide) => (slide === 0 ? 50 : 110));
    expect(pages).toEqual([
      { from: 0, to: 4 },
      { from: 4, to: 12 },
    ]);
  });
});

describe('fitHeadline', () => {
  const width = 761.89;

  it('keeps the full size for a headline of one or two lines', () => {
    expect(fitHeadline('Half of the training texts are shorter than 1,030 characters.', width)).toEqual({
      size: 12.5,
      lines: 1,
    });
  });

  it('sets a slightly long headline smaller to keep it on two lines, and never cuts a long one', () => {
    const sentence = 'The model learned from 57,116 texts and was tested on 16,315 others it never saw. ';
    const three = fitHeadline(sentence.repeat(3), width);
    expect(three.lines).toBe(2);
    expect(three.size).toBeLessThan(12.5);
    const long = fitHeadline(sentence.repeat(8), width);
    expect(long.size).toBe(10.5);
    expect(long.lines).toBeGreaterThan(2);
  });
});
