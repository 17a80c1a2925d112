import { describe, expect, it } from 'vitest';
import { imagePlacements } from './image-placements.js';

const codes = {
  save: 1,
  restore: 2,
  transform: 3,
  paintFormXObjectBegin: 4,
  paintFormXObjectEnd: 5,
  paintImage: [6, 7],
};

describe('imagePlacements', () => {
  it('places an image in the unit square of the current matrix', () => {
    expect(imagePlacements([1, 3, 6, 2], [null, [612, 0, 0, 792, 0, 0], ['img'], null], codes)).toEqual([
      { x0: 0, y0: 0, x1: 612, y1: 792 },
    ]);
  });

  it('composes matrices and restores them after save/restore', () => {
    const boxes = imagePlacements(
      [3, 1, 3, 6, 2, 7],
      [[2, 0, 0, 2, 10, 10], null, [50, 0, 0, 25, 0, 0], ['a'], null, ['b']],
      codes,
    );
    expect(boxes).toEqual([
      { x0: 10, y0: 10, x1: 110, y1: 60 },
      { x0: 10, y0: 10, x1: 12, y1: 12 },
    ]);
  });

  it('applies a form XObject matrix until the form ends', () => {
    const boxes = imagePlacements(
      [4, 3, 6, 5, 6],
      [
        [
          [1, 0, 0, 1, 100, 200],
          [0, 0, 1, 1],
        ],
        [10, 0, 0, 10, 0, 0],
        ['a'],
        null,
        ['b'],
      ],
      codes,
    );
    expect(boxes).toEqual([
      { x0: 100, y0: 200, x1: 110, y1: 210 },
      { x0: 0, y0: 0, x1: 1, y1: 1 },
    ]);
  });

  it('takes the bounding box of a rotated image and ignores malformed matrices', () => {
    expect(imagePlacements([3, 3, 6], [[0, 1, -1, 0, 0, 0], ['bad'], ['a']], codes)).toEqual([
      { x0: -1, y0: 0, x1: 0, y1: 1 },
    ]);
  });

  it('survives an unbalanced restore', () => {
    expect(imagePlacements([2, 6], [null, ['a']], codes)).toEqual([{ x0: 0, y0: 0, x1: 1, y1: 1 }]);
  });
});
