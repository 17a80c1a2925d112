import type { Rect } from '../layout/rect-union.js';

type Matrix = readonly [number, number, number, number, number, number];

/** The operator codes of pdf.js that matter for finding images (`pdfjs.OPS`). */
export interface ImageOperatorCodes {
  readonly save: number;
  readonly restore: number;
  readonly transform: number;
  readonly paintFormXObjectBegin: number;
  readonly paintFormXObjectEnd: number;
  /** Operators that paint an image into the unit square of the current matrix. */
  readonly paintImage: readonly number[];
}

const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[2] * n[1],
    m[1] * n[0] + m[3] * n[1],
    m[0] * n[2] + m[2] * n[3],
    m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4],
    m[1] * n[4] + m[3] * n[5] + m[5],
  ];
}

function isMatrix(value: unknown): value is Matrix {
  return Array.isArray(value) && value.length === 6 && value.every((v) => typeof v === 'number' && Number.isFinite(v));
}

function unitSquareBox(m: Matrix): Rect {
  const xs = [m[4], m[0] + m[4], m[2] + m[4], m[0] + m[2] + m[4]];
  const ys = [m[5], m[1] + m[5], m[3] + m[5], m[1] + m[3] + m[5]];
  return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
}

/**
 * Where a page paints raster images, from its pdf.js operator list: follows the current
 * transformation matrix through save/restore, `cm` and form XObjects, and returns the bounding
 * box of each painted image in PDF user space.
 */
export function imagePlacements(
  fnArray: readonly number[],
  argsArray: readonly unknown[],
  codes: ImageOperatorCodes,
): Rect[] {
  const paintImage = new Set(codes.paintImage);
  const stack: Matrix[] = [];
  let ctm = IDENTITY;
  const boxes: Rect[] = [];
  fnArray.forEach((fn, index) => {
    const args = argsArray[index];
    if (fn === codes.save) stack.push(ctm);
    else if (fn === codes.restore) ctm = stack.pop() ?? IDENTITY;
    else if (fn === codes.transform && isMatrix(args)) ctm = multiply(ctm, args);
    else if (fn === codes.paintFormXObjectBegin) {
      stack.push(ctm);
      const matrix: unknown = Array.isArray(args) ? args[0] : undefined;
      if (isMatrix(matrix)) ctm = multiply(ctm, matrix);
    } else if (fn === codes.paintFormXObjectEnd) ctm = stack.pop() ?? IDENTITY;
    else if (paintImage.has(fn)) boxes.push(unitSquareBox(ctm));
  });
  return boxes;
}
