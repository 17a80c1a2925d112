import PDFDocument from 'pdfkit';
import { FONT, fontBytes, type FontName } from './fonts.js';

let measurer: PDFKit.PDFDocument | undefined;

function measuringDocument(): PDFKit.PDFDocument {
  if (!measurer) {
    measurer = new PDFDocument({ autoFirstPage: false });
    for (const [name, content] of fontBytes()) measurer.registerFont(name, content);
  }
  return measurer;
}

/** Width in points of a single line drawn with an embedded font (the font's own advance widths). */
export function textWidth(text: string, size: number, font: FontName = FONT.regular): number {
  return measuringDocument().font(font).fontSize(size).widthOfString(text);
}

/**
 * The longest prefix of `text` that fits in `width` points followed by an ellipsis, or `text`
 * itself when it fits.
 */
export function truncateToWidth(text: string, width: number, size: number, font: FontName = FONT.regular): string {
  if (textWidth(text, size, font) <= width) return text;
  const ellipsis = '…';
  const room = width - textWidth(ellipsis, size, font);
  if (room <= 0) return '';
  let low = 0;
  let high = text.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (textWidth(text.slice(0, middle), size, font) <= room) low = middle;
    else high = middle - 1;
  }
  return `${text.slice(0, low).trimEnd()}${ellipsis}`;
}

/** How many lines `text` wraps to in `width` points (pdfkit's own line breaking). */
export function lineCount(text: string, width: number, size: number, font: FontName = FONT.regular): number {
  const doc = measuringDocument().font(font).fontSize(size);
  const lineHeight = doc.currentLineHeight(true);
  return Math.max(1, Math.round(doc.heightOfString(text, { width, lineGap: 0 }) / lineHeight));
}
