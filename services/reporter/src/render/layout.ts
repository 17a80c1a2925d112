/** A rectangle on a page, in points from the top-left corner. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The part of `box` below its top `height` points (and `gap` more). */
export function below(box: Box, height: number, gap = 0): Box {
  const used = Math.min(box.height, height + gap);
  return { x: box.x, y: box.y + used, width: box.width, height: box.height - used };
}

/**
 * Splits `box` into columns whose widths are proportional to `weights`, `gap` points apart.
 * `splitColumns(box, [3, 2])` gives a 60% and a 40% column.
 */
export function splitColumns(box: Box, weights: readonly number[], gap = 24): Box[] {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const free = box.width - gap * (weights.length - 1);
  let x = box.x;
  return weights.map((weight) => {
    const width = (free * weight) / total;
    const column = { x, y: box.y, width, height: box.height };
    x += width + gap;
    return column;
  });
}

/** Splits `box` into rows whose heights are proportional to `weights`, `gap` points apart. */
export function splitRows(box: Box, weights: readonly number[], gap = 16): Box[] {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const free = box.height - gap * (weights.length - 1);
  let y = box.y;
  return weights.map((weight) => {
    const height = (free * weight) / total;
    const row = { x: box.x, y, width: box.width, height };
    y += height + gap;
    return row;
  });
}
