import { describe, expect, it } from 'vitest';
import { enforceTextLimits } from './limits.js';

const limits = { maxTextChars: 5, maxBatch: 3, maxTotalChars: 12 };

function errorOf(texts: string[]): { code?: string; statusCode?: number; fieldErrors?: { pointer: string }[] } {
  try {
    enforceTextLimits(texts, limits);
  } catch (error) {
    return error as { code?: string };
  }
  return {};
}

describe('enforceTextLimits', () => {
  it('accepts texts within every limit', () => {
    expect(() => {
      enforceTextLimits(['12345', '1234', ''], limits);
    }).not.toThrow();
  });

  it('rejects too many texts', () => {
    expect(errorOf(['a', 'b', 'c', 'd'])).toMatchObject({ code: 'NLP_BATCH_TOO_LARGE', statusCode: 413 });
  });

  it('points at every text that is too long, at most 20', () => {
    expect(errorOf(['ok', '123456', '1234567']).fieldErrors?.map((e) => e.pointer)).toEqual([
      '/body/texts/1',
      '/body/texts/2',
    ]);
    const many = enforceTextLimitsErrorCount(Array.from({ length: 30 }, () => '123456'));
    expect(many).toBe(20);
  });

  it('rejects too many characters in all', () => {
    expect(errorOf(['12345', '12345', '123'])).toMatchObject({ code: 'NLP_REQUEST_TOO_LARGE', statusCode: 413 });
  });
});

function enforceTextLimitsErrorCount(texts: string[]): number {
  try {
    enforceTextLimits(texts, { ...limits, maxBatch: 100, maxTotalChars: 1000 });
  } catch (error) {
    return (error as { fieldErrors?: unknown[] }).fieldErrors?.length ?? 0;
  }
  return 0;
}
