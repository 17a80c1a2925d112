import { describe, expect, it } from 'vitest';
import { comparisonKey } from './comparison-key.js';

describe('comparisonKey', () => {
  const a = '1'.repeat(64);
  const b = '2'.repeat(64);

  it('is a sha256, the same for the same two folders', () => {
    expect(comparisonKey(a, b)).toMatch(/^[0-9a-f]{64}$/);
    expect(comparisonKey(a, b)).toBe(comparisonKey(a, b));
  });

  it('differs with the order (A is the reference) and with either folder', () => {
    expect(comparisonKey(a, b)).not.toBe(comparisonKey(b, a));
    expect(comparisonKey(a, b)).not.toBe(comparisonKey(a, '3'.repeat(64)));
    expect(comparisonKey(a, b)).not.toBe(comparisonKey('3'.repeat(64), b));
  });

  it('cannot be forged by moving text between the two checksums', () => {
    expect(comparisonKey('ab', 'c')).not.toBe(comparisonKey('a', 'bc'));
  });
});
