/** An axis-aligned rectangle: left, top, right, bottom in one unit. */
export interface Rect {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/** Above this many rectangles the union is approximated by the clamped sum of areas. */
const MAX_EXACT_RECTS = 1000;

function clip(rect: Rect, bounds: Rect): Rect | undefined {
  const clipped = {
    x0: Math.max(Math.min(rect.x0, rect.x1), bounds.x0),
    y0: Math.max(Math.min(rect.y0, rect.y1), bounds.y0),
    x1: Math.min(Math.max(rect.x0, rect.x1), bounds.x1),
    y1: Math.min(Math.max(rect.y0, rect.y1), bounds.y1),
  };
  return clipped.x1 > clipped.x0 && clipped.y1 > clipped.y0 ? clipped : undefined;
}

function coveredLength(intervals: [number, number][]): number {
  intervals.sort((a, b) => a[0] - b[0]);
  let total = 0;
  let start: number | undefined;
  let end = 0;
  for (const [low, high] of intervals) {
    if (start === undefined || low > end) {
      if (start !== undefined) total += end - start;
      start = low;
      end = high;
    } else end = Math.max(end, high);
  }
  return start === undefined ? total : total + (end - start);
}

/**
 * Share of `bounds` covered by the union of the rectangles (overlaps counted once), in [0, 1].
 * Exact by sweeping vertical slabs; beyond 1000 rectangles, the clamped sum of their areas.
 */
export function coveredRatio(rects: readonly Rect[], bounds: Rect): number {
  const area = (bounds.x1 - bounds.x0) * (bounds.y1 - bounds.y0);
  if (area <= 0) return 0;
  const clipped = rects.map((rect) => clip(rect, bounds)).filter((rect): rect is Rect => rect !== undefined);
  if (clipped.length === 0) return 0;
  if (clipped.length > MAX_EXACT_RECTS) {
    return Math.min(1, clipped.reduce((sum, r) => sum + (r.x1 - r.x0) * (r.y1 - r.y0), 0) / area);
  }
  const xs = [...new Set(clipped.flatMap((r) => [r.x0, r.x1]))].sort((a, b) => a - b);
  let covered = 0;
  for (let i = 0; i + 1 < xs.length; i += 1) {
    const left = xs[i] ?? 0;
    const right = xs[i + 1] ?? 0;
    const intervals = clipped.filter((r) => r.x0 <= left && r.x1 >= right).map((r): [number, number] => [r.y0, r.y1]);
    if (intervals.length > 0) covered += (right - left) * coveredLength(intervals);
  }
  return Math.min(1, covered / area);
}
