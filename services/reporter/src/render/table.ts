import { FONT, type FontName } from './fonts.js';
import type { Box } from './layout.js';
import { INK } from '@mlops/charts';
import { drawText, textHeight } from './text.js';
import { textWidth, truncateToWidth } from './text-metrics.js';

/** A column of a slide table. */
export interface TableColumn {
  readonly header: string;
  /** Relative width: columns share the table width in proportion to their weights. */
  readonly weight: number;
  readonly align?: 'left' | 'right';
  /** Lines a cell may wrap to before it is cut with an ellipsis; default 1. */
  readonly maxLines?: number;
  readonly mono?: boolean;
}

/** A table: columns, rows of cell texts, and optional per-cell colours and bold rows. */
export interface TableSpec {
  readonly columns: readonly TableColumn[];
  readonly rows: readonly (readonly string[])[];
  /** Font size; default 9.5. */
  readonly size?: number;
  /** The colour of a cell, when not the body colour. */
  readonly cellColor?: (row: number, column: number) => string | undefined;
  /** Rows set in bold (totals, the model itself). */
  readonly boldRows?: ReadonlySet<number>;
  /**
   * Rows that start a group of rows kept on one slide (a group runs to the next start); without
   * it every row is its own group. A group taller than a slide is split by rows.
   */
  readonly groupStarts?: ReadonlySet<number>;
}

const PADDING_X = 6;
const PADDING_Y = 4;

function fontOf(column: TableColumn, bold: boolean): FontName {
  if (column.mono) return FONT.mono;
  return bold ? FONT.bold : FONT.regular;
}

/** The width of a column whose widest cell is one of `texts` on one line, padding included. */
export function columnWidthFor(texts: readonly string[], size: number, font: FontName = FONT.regular): number {
  return texts.reduce((max, text) => Math.max(max, textWidth(text, size, font)), 0) + 2 * PADDING_X + 1;
}

function columnWidths(spec: TableSpec, width: number): number[] {
  const total = spec.columns.reduce((sum, column) => sum + column.weight, 0);
  return spec.columns.map((column) => (width * column.weight) / total);
}

function rowHeight(doc: PDFKit.PDFDocument, spec: TableSpec, cells: readonly string[], widths: number[]): number {
  const size = spec.size ?? 9.5;
  const lineHeight = doc.font(FONT.regular).fontSize(size).currentLineHeight(true) + 1.5;
  const lines = spec.columns.map((column, index) => {
    const maxLines = column.maxLines ?? 1;
    if (maxLines === 1) return 1;
    const height = textHeight(doc, cells[index] ?? '', (widths[index] ?? 0) - 2 * PADDING_X, {
      size,
      font: fontOf(column, false),
      lineGap: 1.5,
    });
    return Math.min(maxLines, Math.max(1, Math.round(height / lineHeight)));
  });
  return Math.max(...lines) * lineHeight + 2 * PADDING_Y;
}

function drawRow(
  doc: PDFKit.PDFDocument,
  spec: TableSpec,
  cells: readonly string[],
  at: { readonly x: number; readonly y: number; readonly height: number },
  widths: number[],
  style: { readonly header: boolean; readonly bold: boolean; readonly row: number },
): void {
  const size = spec.size ?? 9.5;
  let x = at.x;
  spec.columns.forEach((column, index) => {
    const width = widths[index] ?? 0;
    const font = style.header ? FONT.bold : fontOf(column, style.bold);
    const color = style.header ? INK.muted : (spec.cellColor?.(style.row, index) ?? INK.text);
    const inner = width - 2 * PADDING_X;
    const text = cells[index] ?? '';
    const maxLines = style.header ? 1 : (column.maxLines ?? 1);
    if (maxLines === 1) {
      doc
        .font(font)
        .fontSize(size)
        .fillColor(color)
        .text(truncateToWidth(text, inner, size, font), x + PADDING_X, at.y + PADDING_Y, {
          width: inner,
          align: column.align ?? 'left',
          lineBreak: false,
        });
    } else {
      drawText(doc, { x: x + PADDING_X, y: at.y + PADDING_Y, width: inner, height: at.height - 2 * PADDING_Y }, text, {
        size,
        font,
        color,
        lineGap: 1.5,
        align: column.align ?? 'left',
      });
    }
    x += width;
  });
}

/** Where a drawn table part ended: the first row not drawn and the bottom of the part. */
export interface TablePart {
  readonly next: number;
  readonly bottom: number;
}

function headerHeightOf(doc: PDFKit.PDFDocument, spec: TableSpec, widths: number[]): number {
  return rowHeight(doc, { ...spec, columns: spec.columns.map((c) => ({ ...c, maxLines: 1 })) }, [], widths);
}

/** The heights of a table's header and of each of its rows at `width` points. */
export function measureTable(
  doc: PDFKit.PDFDocument,
  spec: TableSpec,
  width: number,
): { readonly header: number; readonly rows: readonly number[] } {
  const widths = columnWidths(spec, width);
  return {
    header: headerHeightOf(doc, spec, widths),
    rows: spec.rows.map((cells) => rowHeight(doc, spec, cells, widths)),
  };
}

/** A slice [from, to) of a table's rows drawn on one slide. */
export interface RowRange {
  readonly from: number;
  readonly to: number;
}

/**
 * Splits rows into slides, groups (`groupStarts`) kept whole: as few slides as the rows need, the
 * rows spread evenly over them (no slide left with a lone group), a header on each. `capacity(k)`
 * is the height of the k-th slide's box (0-based); `header` is taken from each.
 */
export function paginateRows(
  rowHeights: readonly number[],
  header: number,
  capacity: (slide: number) => number,
  groupStarts?: ReadonlySet<number>,
): RowRange[] {
  if (rowHeights.length === 0) return [{ from: 0, to: 0 }];
  const biggest = Math.max(capacity(0), capacity(1));
  // Groups as [from, to) with their heights; a group taller than any slide is split into rows.
  const groups: { from: number; to: number; height: number }[] = [];
  let start = 0;
  for (let row = 1; row <= rowHeights.length; row++) {
    if (row < rowHeights.length && !groupStarts?.has(row)) continue;
    const height = rowHeights.slice(start, row).reduce((sum, h) => sum + h, 0);
    if (height + header <= biggest) groups.push({ from: start, to: row, height });
    else for (let r = start; r < row; r++) groups.push({ from: r, to: r + 1, height: rowHeights[r] ?? 0 });
    start = row;
  }
  // Fills slides in order with at most `limit` points of rows each (and at least one group).
  const fill = (limit: number): RowRange[] => {
    const slides: RowRange[] = [];
    let from = 0;
    let used = 0;
    let to = 0;
    for (const group of groups) {
      const room = Math.min(limit, capacity(slides.length)) - header;
      if (to > from && used + group.height > room) {
        slides.push({ from, to });
        from = group.from;
        used = 0;
      }
      used += group.height;
      to = group.to;
    }
    slides.push({ from, to });
    return slides;
  };
  const fewest = fill(Infinity).length;
  if (fewest === 1) return fill(Infinity);
  // The smallest height limit that still needs no more slides: the most even split.
  let low = Math.max(...groups.map((group) => group.height)) + header;
  let high = biggest;
  for (let step = 0; step < 40 && high - low > 0.5; step++) {
    const middle = (low + high) / 2;
    if (fill(middle).length <= fewest) high = middle;
    else low = middle;
  }
  return fill(high);
}

/**
 * Draws the rows of a table from `fromRow` to before `toRow`, with its header, as many as fit in
 * the box (at least one), and returns the index of the first row not drawn (`toRow` when all
 * fit) and the bottom of what was drawn. Long cells are cut with an ellipsis at the column width,
 * after `maxLines` lines.
 */
export function drawTable(
  doc: PDFKit.PDFDocument,
  box: Box,
  spec: TableSpec,
  fromRow = 0,
  toRow = spec.rows.length,
): TablePart {
  const widths = columnWidths(spec, box.width);
  const headerHeight = headerHeightOf(doc, spec, widths);
  drawRow(
    doc,
    spec,
    spec.columns.map((column) => column.header),
    { x: box.x, y: box.y, height: headerHeight },
    widths,
    {
      header: true,
      bold: true,
      row: -1,
    },
  );
  let y = box.y + headerHeight;
  doc
    .moveTo(box.x, y)
    .lineTo(box.x + box.width, y)
    .lineWidth(0.8)
    .strokeColor(INK.faint)
    .stroke();
  let row = fromRow;
  let stripe = 0;
  for (; row < toRow; row++) {
    const cells = spec.rows[row] ?? [];
    const height = rowHeight(doc, spec, cells, widths);
    if (y + height > box.y + box.height && row > fromRow) break;
    // Stripes alternate by row, or by group when the rows are grouped (a group reads as one block).
    if (spec.groupStarts?.has(row) && row > fromRow) stripe++;
    if ((spec.groupStarts ? stripe : row - fromRow) % 2 === 1)
      doc.rect(box.x, y, box.width, height).fillColor(INK.panel).fill();
    drawRow(doc, spec, cells, { x: box.x, y, height }, widths, {
      header: false,
      bold: spec.boldRows?.has(row) ?? false,
      row,
    });
    y += height;
  }
  doc
    .moveTo(box.x, y)
    .lineTo(box.x + box.width, y)
    .lineWidth(0.5)
    .strokeColor(INK.rule)
    .stroke();
  return { next: row, bottom: y };
}
