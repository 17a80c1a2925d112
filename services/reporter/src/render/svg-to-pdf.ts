import SVGtoPDF from 'svg-to-pdfkit';
import type { Box } from './layout.js';
import { svgFontCallback } from './fonts.js';

/**
 * Draws an SVG into a box of the current page, scaled to fit and centred, with every text in the
 * embedded DejaVu fonts (`fontCallback`: without it svg-to-pdfkit falls back to Helvetica).
 */
export function drawSvg(doc: PDFKit.PDFDocument, svg: string, box: Box): void {
  SVGtoPDF(doc, svg, box.x, box.y, {
    width: box.width,
    height: box.height,
    preserveAspectRatio: 'xMidYMid meet',
    fontCallback: (family, bold) => svgFontCallback(family, bold),
    warningCallback: () => undefined,
  });
}
