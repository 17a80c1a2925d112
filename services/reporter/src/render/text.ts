import { FONT, type FontName } from './fonts.js';
import { INK } from '@mlops/charts';
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
