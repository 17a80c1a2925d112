import { describe, expect, it } from 'vitest';
import { StallWatch, stallHint } from './stall-watch.js';

describe('StallWatch', () => {
  it('tells once, when nothing settled for the whole delay, and not while documents keep settling', () => {
    const watch = new StallWatch(1000);
    expect(watch.observe(0, 0)).toBe(false);
    expect(watch.observe(3, 900)).toBe(false);
    expect(watch.observe(5, 1800)).toBe(false);
    expect(watch.observe(5, 2700)).toBe(false);
    expect(watch.observe(5, 2800)).toBe(true);
    expect(watch.observe(5, 9000)).toBe(false);
    expect(watch.observe(6, 9100)).toBe(false);
  });

  it('names how many documents wait and what to check', () => {
    expect(stallHint(64, 60_000)).toMatch(/^64 documents not processed after 60 s .*mlops status.*PROCESSING_STALE_MS/);
    expect(stallHint(1, 60_000)).toMatch(/^1 document not processed/);
  });
});
