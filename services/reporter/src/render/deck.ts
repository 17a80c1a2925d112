import type { TopLevelSpec } from 'vega-lite';
import { FONT } from './fonts.js';
import { below, type Box } from './layout.js';
import { INK } from './palette.js';
import { createPdfDocument, finishPdf, PAGE, type DocumentMetadata } from './pdf-document.js';
import { drawSvg } from './svg-to-pdf.js';
import { drawTable, type TableSpec } from './table.js';
import { drawText, textHeight } from './text.js';
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
      const height = drawText(doc, { x: MARGIN_X, y, width, height: 44 }, heading.headline, {
        size: 12.5,
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
   * Draws a table in the box; rows that do not fit continue on new slides headed
   * "`title` (continued)", in the same place. Returns the box below the last part drawn.
   */
  table(box: Box, spec: TableSpec, continuation: SlideHeading): Box {
    let part = drawTable(this.doc, box, spec);
    let area = box;
    while (part.next < spec.rows.length) {
      const content = this.addSlide({ section: continuation.section, title: `${continuation.title} (continued)` });
      area = { x: box.x, y: content.y, width: box.width, height: content.height };
      part = drawTable(this.doc, area, spec, part.next);
    }
    return below(area, part.bottom - area.y);
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
