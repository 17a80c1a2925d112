import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** The fonts a report embeds, by the name they are registered under in pdfkit. */
export const FONT = {
  regular: 'DejaVuSans',
  bold: 'DejaVuSans-Bold',
  mono: 'DejaVuSansMono',
} as const;

/** A registered font name. */
export type FontName = (typeof FONT)[keyof typeof FONT];

/** The family name charts ask for; `svgFontCallback` maps it (and any other) to DejaVu. */
export const CHART_FONT_FAMILY = 'DejaVu Sans';

/** The font files, resolved from the package (literal paths: bundlers and knip see them). */
function fontFiles(): Readonly<Record<FontName, string>> {
  const require = createRequire(import.meta.url);
  return {
    [FONT.regular]: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
    [FONT.bold]: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
    [FONT.mono]: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSansMono.ttf'),
  };
}

let bytes: ReadonlyMap<FontName, Buffer> | undefined;

/**
 * The TrueType files of the fonts, resolved from the `dejavu-fonts-ttf` package and read once per
 * process: reports never depend on the fonts installed on the machine.
 */
export function fontBytes(): ReadonlyMap<FontName, Buffer> {
  bytes ??= new Map(Object.entries(fontFiles()).map(([name, file]) => [name as FontName, readFileSync(file)]));
  return bytes;
}

const registered = new WeakSet<PDFKit.PDFDocument>();

/** Registers the report fonts in a document (once per document) and selects the regular one. */
export function registerFonts(doc: PDFKit.PDFDocument): void {
  if (!registered.has(doc)) {
    for (const [name, content] of fontBytes()) doc.registerFont(name, content);
    registered.add(doc);
  }
  doc.font(FONT.regular);
}

/**
 * svg-to-pdfkit's `fontCallback`: every family of a chart is drawn with the embedded DejaVu (bold
 * when asked, monospace for monospace families), never with a standard PDF font.
 */
export function svgFontCallback(family: string, bold: boolean): FontName {
  if (/mono|courier/i.test(family)) return FONT.mono;
  return bold ? FONT.bold : FONT.regular;
}
