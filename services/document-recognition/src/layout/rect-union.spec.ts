import { describe, expect, it } from 'vitest';
import { coveredRatio } from './rect-union.js';

const page = { x0: 0, y0: 0, x1: 100, y1: 100 };

describe('coveredRatio', () => {
  it('is the share of the bounds covered by one rectangle', () => {
    expect(coveredRatio([{ x0: 0, y0: 0, x1: 50, y1: 50 }], page)).toBeCloseTo(0.25);
  });

  it('counts overlaps once', () => {
    const rects = [
      { x0: 0, y0: 0, x1: 50, y1: 100 },
      { x0: 25, y0: 0, x1: 75, y1: 100 },
      { x0: 0, y0: 0, x1: 50, y1: 100 },
    ];
    expect(coveredRatio(rects, page)).toBeCloseTo(0.75);
  });

  it('clips to the bounds and accepts inverted corners', () => {
    expect(coveredRatio([{ x0: 150, y0: 150, x1: 50, y1: 50 }], page)).toBeCloseTo(0.25);
    expect(coveredRatio([{ x0: -100, y0: -100, x1: 300, y1: 300 }], page)).toBe(1);
  });

  it('is 0 without rectangles, outside the bounds, or for empty bounds', () => {
    expect(coveredRatio([], page)).toBe(0);
    expect(coveredRatio([{ x0: 200, y0: 200, x1: 300, y1: 300 }], page)).toBe(0);
    expect(coveredRatio([{ x0: 0, y0: 0, x1: 1, y1: 1 }], { x0: 0, y0: 0, x1: 0, y1: 10 })).toBe(0);
  });

  it('approximates many rectangles by their clamped area sum', () => {
    const tiles = Array.from({ length: 2000 }, (_, i) => ({ x0: (i % 100) / 2, y0: 0, x1: (i % 100) / 2 + 1, y1: 1 }));
    expect(coveredRatio(tiles, page)).toBe(0.2);
  });
});
