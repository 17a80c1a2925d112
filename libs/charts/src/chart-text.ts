/** Font sizes of chart text, in points (a chart is drawn at scale 1). */
export const CHART_TEXT = { label: 10, title: 10.5, mark: 9.5 } as const;

/** Width in points of one line of `text` at font `size`; the PDF measures with its embedded font. */
export type TextWidth = (text: string, size: number) => number;

/**
 * An estimate of a line's width without a font at hand (the browser before layout): 0.6 em per
 * character, a little wider than DejaVu Sans's and the system sans fonts' average, so labels keep room.
 */
export const estimateTextWidth: TextWidth = (text, size) => text.length * size * 0.6;

/** An integer count with thousands separators: 12345 → "12,345". */
export function count(value: number): string {
  const sign = value < 0 ? '-' : '';
  return sign + String(Math.round(Math.abs(value))).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
