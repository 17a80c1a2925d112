import type { TopLevelSpec } from 'vega-lite';
import { FONT } from './fonts.js';
import { below, type Box } from './layout.js';
import { INK } from '@mlops/charts';
import { createPdfDocument, finishPdf, PAGE, type DocumentMetadata } from './pdf-document.js';
import { drawSvg } from './svg-to-pdf.js';
import { drawTable, measureTable, paginateRows, type TableSpec } from './table.js';
import { drawText, textHeight } from './text.js';
import { lineCount } from './text-metrics.js';
import { renderChartSvg } from './vega-svg.js';

/** The frame of a slide: the section it belongs to, its title and its one-idea headline. */
export interface SlideHeading {
  /** Short section label above the title ("Performance"). */
  readonly section: string;
  readonly title: string;
  /** The slide's point in one or two plain sentences, with its numbers. */
  readonly headline?: string;
}

/** What the footer of every slide shows. */
export interface DeckFooter {
  /** `model@version`, left. */
  readonly left: string;
  /** The report's name and date, centred. */
  readonly centre: string;
}

const MARGIN_X = 40;
const FOOTER_Y = PAGE.height - 30;
const CONTENT_BOTTOM = FOOTER_Y - 14;

/** The headline's sizes, largest first: it is set in the largest that fits two lines. */
const HEADLINE_SIZES = [12.5, 11.5, 10.5] as const;

/**
 * The size and line count of a slide's headline in `width` points: the largest of
 * `HEADLINE_SIZES` at which it wraps to two lines at most; else the smallest, on as many lines as
 * it needs. A headline is never cut.
 */
export function fitHeadline(text: string, width: number): { size: number; lines: number } {
  for (const size of HEADLINE_SIZES) {
    const lines = lineCount(text, width, size);
    if (lines <= 2) return { size, lines };
  }
  const smallest = HEADLINE_SIZES[HEADLINE_SIZES.length - 1] ?? 10.5;
  return { size: smallest, lines: lineCount(text, width, smallest) };
}

/** A figure shown large with its label and a short explanation. */
export interface StatTile {
  readonly label: string;
  readonly value: string;
  readonly detail?: string;
  readonly color?: string;
}

/**
 * A deck of A4-landscape slides over pdfkit: a section label and title on each slide, a headline
 * sentence, content drawn in boxes (text, tables continued on further slides, charts, notes), and
 * a footer with `model@version` and `page x / y` written when the deck is finished.
 */
export class SlideDeck {
  private readonly doc: PDFKit.PDFDocument;
  private readonly footer: DeckFooter;

  /** Starts an empty deck with the document's fixed metadata. */
  constructor(metadata: DocumentMetadata, footer: DeckFooter) {
    this.doc = createPdfDocument(metadata);
    this.footer = footer;
  }

  /** Where the content of a slide without headline starts. */
  static readonly HEADLESS_CONTENT_TOP = 92;

  /** The full content area of a slide (below the heading, above the footer). */
  static contentArea(top: number): Box {
    return { x: MARGIN_X, y: top, width: PAGE.width - 2 * MARGIN_X, height: CONTENT_BOTTOM - top };
  }

  /** Adds a slide with its heading (and a bookmark) and returns the box left for its content. */
  addSlide(heading: SlideHeading): Box {
    const doc = this.doc;
    doc.addPage({ size: 'A4', layout: 'landscape', margin: 0 });
    doc.outline.addItem(heading.title);
    doc.rect(0, 0, PAGE.width, 6).fillColor(INK.accent).fill();
    doc
      .font(FONT.bold)
      .fontSize(8.5)
      .fillColor(INK.accent)
      .text(heading.section.toUpperCase(), MARGIN_X, 24, { characterSpacing: 0.8, lineBreak: false });
    const width = PAGE.width - 2 * MARGIN_X;
    drawText(doc, { x: MARGIN_X, y: 38, width, height: 30 }, heading.title, { size: 20, font: FONT.bold });
    let y = 70;
    if (heading.headline) {
      const { size, lines } = fitHeadline(heading.headline, width);
      const height = drawText(doc, { x: MARGIN_X, y, width, height: lines * (size * 1.17 + 3) + 2 }, heading.headline, {
        size,
        color: INK.muted,
        lineGap: 3,
      });
      y += height + 6;
    }
    doc
      .moveTo(MARGIN_X, y + 4)
      .lineTo(PAGE.width - MARGIN_X, y + 4)
      .lineWidth(0.7)
      .strokeColor(INK.rule)
      .stroke();
    return SlideDeck.contentArea(heading.headline ? y + 18 : SlideDeck.HEADLESS_CONTENT_TOP);
  }

  /** Adds a slide with only the accent band (a cover), bookmarked; returns the whole content area. */
  addCoverSlide(bookmark: string): Box {
    this.doc.addPage({ size: 'A4', layout: 'landscape', margin: 0 });
    this.doc.outline.addItem(bookmark);
    this.doc.rect(0, 0, PAGE.width, 6).fillColor(INK.accent).fill();
    return SlideDeck.contentArea(40);
  }

  /** Draws wrapped text (cut with an ellipsis at the box's bottom); returns the height used. */
  text(box: Box, text: string, style: Parameters<typeof drawText>[3] = {}): number {
    return drawText(this.doc, box, text, style);
  }

  /** Height `text` would take in `width` points. */
  textHeight(text: string, width: number, style: Parameters<typeof textHeight>[3] = {}): number {
    return textHeight(this.doc, text, width, style);
  }

  /** Draws paragraphs one under the other, 8 points apart; returns the height used. */
  paragraphs(box: Box, paragraphs: readonly string[], style: Parameters<typeof drawText>[3] = {}): number {
    let rest = box;
    for (const paragraph of paragraphs) {
      if (rest.height <= 0) break;
      const height = drawText(this.doc, rest, paragraph, style);
      rest = below(rest, height, 8);
    }
    return box.height - rest.height;
  }

  /** Draws a small bold caption over a chart or table; returns the box below it. */
  caption(box: Box, text: string): Box {
    const height = drawText(this.doc, box, text, { size: 10.5, font: FONT.bold, color: INK.text });
    return below(box, height, 6);
  }

  /**
   * Draws a table in the box. A table a little too tall for it is set up to 1 point smaller (not
   * below 8.5) to fit; else its rows continue on new slides headed "`title` (continued)", in the
   * same place, spread evenly over the slides with groups kept whole (see `paginateRows`).
   * Returns the box below the last part drawn.
   */
  table(box: Box, spec: TableSpec, continuation: SlideHeading): Box {
    const next = SlideDeck.contentArea(SlideDeck.HEADLESS_CONTENT_TOP).height;
    const capacity = (slide: number) => (slide === 0 ? box.height : next);
    const pagesOf = (candidate: TableSpec) => {
      const { header, rows } = measureTable(this.doc, candidate, box.width);
      return paginateRows(rows, header, capacity, candidate.groupStarts);
    };
    const size = spec.size ?? 9.5;
    let fitted = spec;
    let pages = pagesOf(spec);
    for (let smaller = size - 0.5; pages.length > 1 && smaller >= Math.max(8.5, size - 1); smaller -= 0.5) {
      const candidate = { ...spec, size: smaller };
      const candidatePages = pagesOf(candidate);
      if (candidatePages.length === 1) [fitted, pages] = [candidate, candidatePages];
    }
    let area = box;
    let bottom = box.y;
    pages.forEach((page, index) => {
      if (index > 0) {
        const content = this.addSlide({ section: continuation.section, title: `${continuation.title} (continued)` });
        area = { x: box.x, y: content.y, width: box.width, height: content.height };
      }
      bottom = drawTable(this.doc, area, fitted, page.from, page.to).bottom;
    });
    return below(area, bottom - area.y);
  }

  /** Renders a vega-lite spec to SVG at the box's size and draws it there. */
  async chart(box: Box, spec: TopLevelSpec): Promise<void> {
    const svg = await renderChartSvg(spec, { width: box.width, height: box.height });
    drawSvg(this.doc, svg, box);
  }

  /**
   * A grey panel with a message: what is missing from the input and why the slide is empty, or
   * what does not apply. Returns the height used.
   */
  note(box: Box, text: string, title = 'Not available'): number {
    const width = Math.min(box.width, 520);
    const inner = width - 28;
    const height = 20 + 16 + this.textHeight(text, inner, { size: 11 }) + 4;
    this.doc.roundedRect(box.x, box.y, width, height, 6).fillColor(INK.panel).fill();
    this.doc.rect(box.x, box.y, 4, height).fillColor(INK.faint).fill();
    drawText(this.doc, { x: box.x + 16, y: box.y + 12, width: inner, height: 16 }, title, {
      size: 10.5,
      font: FONT.bold,
      color: INK.muted,
    });
    drawText(this.doc, { x: box.x + 16, y: box.y + 30, width: inner, height: height - 30 }, text, {
      size: 11,
      color: INK.text,
    });
    return height;
  }

  /**
   * Draws label/value lines: labels in muted bold in a column of `labelWidth` points, values
   * wrapped beside them. Returns the height used.
   */
  keyValues(
    box: Box,
    rows: readonly { readonly key: string; readonly value: string }[],
    labelWidth = 150,
    size = 11,
  ): number {
    let y = box.y;
    for (const row of rows) {
      if (y >= box.y + box.height) break;
      const rest = { x: box.x + labelWidth, y, width: box.width - labelWidth, height: box.y + box.height - y };
      drawText(this.doc, { x: box.x, y, width: labelWidth - 10, height: rest.height }, row.key, {
        size: size - 1,
        font: FONT.bold,
        color: INK.muted,
      });
      const height = drawText(this.doc, rest, row.value, { size });
      y += Math.max(height, size * 1.2) + 7;
    }
    return y - box.y;
  }

  /** A filled panel (for a verdict or a key message) with text in it; returns its height. */
  banner(box: Box, text: string, color: string): number {
    const inner = box.width - 36;
    const height = this.textHeight(text, inner, { size: 14, font: FONT.bold }) + 26;
    this.doc.roundedRect(box.x, box.y, box.width, height, 6).fillColor(color).fill();
    drawText(this.doc, { x: box.x + 18, y: box.y + 13, width: inner, height: height - 20 }, text, {
      size: 14,
      font: FONT.bold,
      color: 'white',
    });
    return height;
  }

  /** Draws figures side by side, large, each with its label and explanation. */
  tiles(box: Box, tiles: readonly StatTile[], gap = 16): number {
    const width = (box.width - gap * (tiles.length - 1)) / tiles.length;
    tiles.forEach((tile, index) => {
      const x = box.x + index * (width + gap);
      this.doc.roundedRect(x, box.y, width, box.height, 6).fillColor(INK.panel).fill();
      drawText(this.doc, { x: x + 14, y: box.y + 12, width: width - 28, height: 14 }, tile.label, {
        size: 9.5,
        font: FONT.bold,
        color: INK.muted,
      });
      drawText(this.doc, { x: x + 14, y: box.y + 30, width: width - 28, height: 34 }, tile.value, {
        size: 24,
        font: FONT.bold,
        color: tile.color ?? INK.text,
      });
      if (tile.detail) {
        drawText(this.doc, { x: x + 14, y: box.y + 66, width: width - 28, height: box.height - 72 }, tile.detail, {
          size: 9.5,
          color: INK.muted,
          lineGap: 2,
        });
      }
    });
    return box.height;
  }

  /** Lines of monospace text (an appendix listing); returns how many fit in the box. */
  listing(box: Box, lines: readonly string[], size = 8): number {
    const doc = this.doc.font(FONT.mono).fontSize(size).fillColor(INK.text);
    const lineHeight = doc.currentLineHeight(true) + 1.5;
    const fit = Math.max(1, Math.floor(box.height / lineHeight));
    lines.slice(0, fit).forEach((line, index) => {
      doc.text(line, box.x, box.y + index * lineHeight, {
        width: box.width,
        lineBreak: false,
        ellipsis: '…',
        height: lineHeight,
      });
    });
    return Math.min(fit, lines.length);
  }

  /** Lines of monospace text that fit in a box of that height. */
  static listingCapacity(height: number, size = 8): number {
    return Math.max(1, Math.floor(height / (size * 1.1641 + 1.5)));
  }

  /** Writes the footers (`page x / y` needs the count) and returns the PDF bytes. */
  async finish(): Promise<Buffer> {
    const doc = this.doc;
    const { start, count } = doc.bufferedPageRange();
    for (let page = start; page < start + count; page++) {
      doc.switchToPage(page);
      doc
        .moveTo(MARGIN_X, FOOTER_Y - 6)
        .lineTo(PAGE.width - MARGIN_X, FOOTER_Y - 6)
        .lineWidth(0.5)
        .strokeColor(INK.rule)
        .stroke();
      const width = PAGE.width - 2 * MARGIN_X;
      const style = { lineBreak: false } as const;
      doc.font(FONT.regular).fontSize(8).fillColor(INK.muted);
      doc.text(this.footer.left, MARGIN_X, FOOTER_Y, { ...style, width: width / 3 });
      doc.text(this.footer.centre, MARGIN_X + width / 3, FOOTER_Y, { ...style, width: width / 3, align: 'center' });
      doc.text(`page ${page - start + 1} / ${count}`, MARGIN_X + (2 * width) / 3, FOOTER_Y, {
        ...style,
        width: width / 3,
        align: 'right',
      });
    }
    return finishPdf(doc);
  }
}
