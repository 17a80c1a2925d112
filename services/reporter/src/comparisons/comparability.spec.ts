import { describe, expect, it } from 'vitest';
import { comparisonDifference } from './comparability.js';

describe('comparisonDifference', () => {
  const side = (version: number, task: string | undefined, labels: string[]) => ({ version, task, labels });

  it('accepts the same task and the same labels in any order', () => {
    expect(comparisonDifference(side(1, 'topic', ['a', 'b']), side(2, 'topic', ['b', 'a']))).toBeUndefined();
  });

  it('names two different tasks', () => {
    expect(comparisonDifference(side(1, 'topic', ['a']), side(2, 'intent', ['a']))).toBe(
      'version 1 is a model of task "topic", version 2 of task "intent"',
    );
  });

  it('names the labels only one side has', () => {
    expect(comparisonDifference(side(1, 'topic', ['a', 'b', 'c']), side(3, 'topic', ['a', 'd']))).toBe(
      'the label sets differ: only version 1 has "b", "c"; only version 3 has "d"',
    );
    expect(comparisonDifference(side(1, undefined, ['a']), side(2, 'topic', ['a', 'z']))).toBe(
      'the label sets differ: only version 2 has "z"',
    );
  });

  it('shortens a long list of labels', () => {
    const many = Array.from({ length: 14 }, (_, i) => `l${String(i).padStart(2, '0')}`);
    const difference = comparisonDifference(side(1, 't', []), side(2, 't', many));
    expect(difference).toContain('"l09" and 4 more');
  });
});
