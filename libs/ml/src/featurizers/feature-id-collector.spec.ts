import { describe, expect, it } from 'vitest';
import { FeatureIdCollector } from './feature-id-collector.js';

describe('FeatureIdCollector', () => {
  it('merges repeated ids into ascending ids with counts', () => {
    const collector = new FeatureIdCollector();
    for (const id of [7, 3, 7, 0, 3, 7]) collector.add(id);
    const counts = collector.counts();
    expect([...counts.ids]).toEqual([0, 3, 7]);
    expect([...counts.values]).toEqual([1, 2, 3]);
  });

  it('grows past its initial capacity and starts over after clear', () => {
    const collector = new FeatureIdCollector();
    for (let i = 0; i < 5000; i++) collector.add(2499 - (i % 2500));
    const counts = collector.counts();
    expect(counts.ids.length).toBe(2500);
    expect(counts.values.every((count) => count === 2)).toBe(true);
    collector.clear();
    collector.add(42);
    expect([...collector.counts().ids]).toEqual([42]);
  });

  it('sorts many ids of any size as a numeric sort would, and reports their runs in reused arrays', () => {
    let state = 12345;
    const random = (limit: number): number => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state % limit;
    };
    const collector = new FeatureIdCollector();
    for (const limit of [200, 70_000, 300_000, 2 ** 31 - 1]) {
      for (const length of [3, 48, 49, 600, 5000]) {
        const ids = Array.from({ length }, () => random(limit));
        for (const id of ids) collector.add(id);
        const distinct = collector.runs();
        const expected = new Map<number, number>();
        for (const id of [...ids].sort((a, b) => a - b)) expected.set(id, (expected.get(id) ?? 0) + 1);
        expect([...collector.runIds.subarray(0, distinct)]).toEqual([...expected.keys()]);
        expect([...collector.runCounts.subarray(0, distinct)]).toEqual([...expected.values()]);
      }
    }
  });

  it('still sorts negative ids', () => {
    const collector = new FeatureIdCollector();
    for (let i = 0; i < 100; i++) collector.add((i % 7) - 3);
    expect([...collector.counts().ids]).toEqual([-3, -2, -1, 0, 1, 2, 3]);
  });

  it('orders negative, bitmap and very large ids of one text together, text after text', () => {
    const collector = new FeatureIdCollector(100);
    for (let text = 0; text < 3; text++) {
      for (const id of [2 ** 30, 5, -4, 70_000, 5, 2 ** 30, -4, 99, 70_000, 5]) collector.add(id + text);
      const distinct = collector.runs();
      expect([...collector.runIds.subarray(0, distinct)]).toEqual([-4, 5, 99, 70_000, 2 ** 30].map((id) => id + text));
      expect([...collector.runCounts.subarray(0, distinct)]).toEqual([2, 3, 1, 2, 2]);
    }
  });

  it('gives empty counts when nothing was added', () => {
    const counts = new FeatureIdCollector().counts();
    expect(counts.ids.length).toBe(0);
    expect(counts.values.length).toBe(0);
  });
});
