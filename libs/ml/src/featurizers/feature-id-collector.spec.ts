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

  it('gives empty counts when nothing was added', () => {
    const counts = new FeatureIdCollector().counts();
    expect(counts.ids.length).toBe(0);
    expect(counts.values.length).toBe(0);
  });
});
