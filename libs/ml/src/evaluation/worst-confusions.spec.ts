import { describe, expect, it } from 'vitest';
import { worstConfusions } from './worst-confusions.js';

describe('worstConfusions', () => {
  const input = {
    labels: ['ham', 'spam', 'phish'],
    truth: [0, 0, 0, 1, 1, 2, 2, 0],
    predicted: [1, 1, 1, 0, 2, 1, 0, 0],
    confidence: Float64Array.of(0.6, 0.9, 0.9, 0.7, 0.8, 0.55, 0.99, 0.95),
    ids: ['m3', 'm2', 'm1', 'm4', 'm5', 'm6', 'm7', 'm8'],
  };

  it('orders pairs by count, then by label index, and examples by confidence, then id', () => {
    expect(worstConfusions(input)).toEqual([
      {
        truth: 'ham',
        predicted: 'spam',
        count: 3,
        examples: [
          { id: 'm1', confidence: 0.9 },
          { id: 'm2', confidence: 0.9 },
          { id: 'm3', confidence: 0.6 },
        ],
      },
      { truth: 'spam', predicted: 'ham', count: 1, examples: [{ id: 'm4', confidence: 0.7 }] },
      { truth: 'spam', predicted: 'phish', count: 1, examples: [{ id: 'm5', confidence: 0.8 }] },
      { truth: 'phish', predicted: 'ham', count: 1, examples: [{ id: 'm7', confidence: 0.99 }] },
      { truth: 'phish', predicted: 'spam', count: 1, examples: [{ id: 'm6', confidence: 0.55 }] },
    ]);
  });

  it('keeps the top pairs and examples asked for', () => {
    const top = worstConfusions(input, { pairs: 1, examplesPerPair: 2 });
    expect(top).toHaveLength(1);
    expect(top[0]?.examples.map((example) => example.id)).toEqual(['m1', 'm2']);
    expect(worstConfusions(input, { pairs: 0 })).toEqual([]);
    expect(() => worstConfusions(input, { examplesPerPair: 1.5 })).toThrow(/examplesPerPair/);
  });
});
