import { FONT, type FontName } from './fonts.js';
import { INK } from './palette.js';
import type { Box } from './layout.js';

/** How a block of text is set. */
export interface TextStyle {
  readonly size?: number;
  readonly font?: FontName;
  readonly color?: string;
  readonly lineGap?: number;
  readonly align?: 'left' | 'center' | 'right';
}

const BODY: Required<TextStyle> = { size: 11, font: FONT.regular, color: INK.text, lineGap: 3, align: 'left' };

/** Height a text block takes in `width` points with a style (wrapped, unclipped). */
export function textHeight(doc: PDFKit.PDFDocument, text: string, width: number, style: TextStyle = {}): number {
  const s = { ...BODY, ...style };
  return doc.font(s.font).fontSize(s.size).heightOfString(text, { width, lineGap: s.lineGap });
}

/**
 * Draws wrapped text in a box: lines that do not fit in its height are dropped and the last kept
 * line ends with an ellipsis. Returns the height used.
 */
export function drawText(doc: PDFKit.PDFDocument, box: Box, text: string, style: TextStyle = {}): number {
  const s = { ...BODY, ...style };
  const needed = textHeight(doc, text, box.width, s);
  const lineHeight = doc.currentLineHeight(true) + s.lineGap;
  const height = Math.min(needed, Math.max(lineHeight, Math.floor(box.height / lineHeight) * lineHeight));
  doc
    .font(s.font)
    .fontSize(s.size)
    .fillColor(s.color)
    .text(text, box.x, box.y, {
      width: box.width,
      height: needed > box.height ? height : undefined,
      ellipsis: needed > box.height ? '…' : undefined,
      lineGap: s.lineGap,
      align: s.align,
    });
  return height;
}

/** Draws a bulleted list, each item wrapped under its text; returns the height used. */
export function drawBullets(
  doc: PDFKit.PDFDocument,
  box: Box,
  items: readonly string[],
  style: TextStyle & { readonly gap?: number } = {},
): number {
  const gap = style.gap ?? 7;
  const indent = 14;
  let used = 0;
  for (const item of items) {
    if (used >= box.height) break;
    const size = style.size ?? BODY.size;
    doc
      .font(FONT.bold)
      .fontSize(size)
      .fillColor(style.color ?? INK.accent)
      .text('•', box.x, box.y + used, { lineBreak: false });
    const height = drawText(
      doc,
      { x: box.x + indent, y: box.y + used, width: box.width - indent, height: box.height - used },
      item,
      style,
    );
    used += height + gap;
  }
  return Math.max(0, used - gap);
}
