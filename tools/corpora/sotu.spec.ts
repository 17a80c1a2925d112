import { describe, expect, it } from 'vitest';
import { readSotuPassages } from './sotu.js';

describe('State of the Union corpus', () => {
  const passages = readSotuPassages();

  it('cuts every speech into passages of 500 to 1,500 words labelled by president', () => {
    expect(new Set(passages.map((p) => p.president)).size).toBe(43);
    expect(new Set(passages.map((p) => p.id)).size).toBe(passages.length);
    const lengths = passages.map((p) => p.text.split(' ').length);
    expect(Math.min(...lengths)).toBeGreaterThanOrEqual(500);
    expect(Math.max(...lengths)).toBeLessThan(1500);
    expect(passages[0]).toMatchObject({ id: '1790-George Washington/0', president: 'George Washington', year: 1790 });
  });

  it('is deterministic', () => {
    expect(readSotuPassages(2000).map((p) => p.id)).toEqual(readSotuPassages(2000).map((p) => p.id));
  });
});
