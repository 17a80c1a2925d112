import { describe, expect, it } from 'vitest';
import { flowFeatures } from './flow-features.js';
import { countChars, countWords } from './text-stats.js';

describe('flowFeatures', () => {
  it('counts characters, words, non-empty lines and blank-line separated blocks', () => {
    expect(flowFeatures('Title\n\nFirst line\nsecond line\n\n\nLast')).toEqual({
      charCount: 28,
      wordCount: 6,
      lineCount: 4,
      blockCount: 3,
      textCoverage: null,
      imageRatio: null,
      meanOcrConfidence: null,
      scanned: false,
    });
  });

  it('is all zero for an empty text', () => {
    expect(flowFeatures('')).toMatchObject({ charCount: 0, wordCount: 0, lineCount: 0, blockCount: 0 });
  });
});

describe('text statistics', () => {
  it('counts code points other than whitespace, and whitespace-separated words', () => {
    expect(countChars('Crème  brûlée\n🙂')).toBe(12);
    expect(countWords('  one\ttwo\nthree  ')).toBe(3);
  });
});
