/**
 * Page images of the rendered reports for wiki/reporter.md: chosen pages (found by a heading in
 * their text, so that they follow the slides when pages move) drawn by poppler's `pdftoppm`.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** A page to draw: the first page whose text contains `heading` (page 1 when null), saved as `<prefix>-<name>.png`. */
export interface PageShot {
  readonly name: string;
  readonly heading: string | null;
}

/** The text of each page of a PDF (`pdftotext`, pages split at form feeds), whitespace collapsed. */
export function pageTexts(pdf: string): string[] {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
    .split('\f')
    .map((text) => text.replace(/\s+/g, ' ').trim());
}

/** The page count of a PDF, from `pdfinfo`. */
export function pageCount(pdf: string): number {
  const match = /^Pages:\s+(\d+)$/m.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }));
  if (!match?.[1]) throw new Error(`pdfinfo gave no page count for ${pdf}`);
  return Number(match[1]);
}

/**
 * Draws the pages of `shots` at `dpi` into `dir` as `<prefix>-NN-<name>.png` (NN: the order of
 * `shots`); returns the files written with their page numbers and sizes. Fails when a heading is
 * on no page.
 */
export function drawPages(
  pdf: string,
  prefix: string,
  shots: readonly PageShot[],
  dir: string,
  dpi: number,
): { file: string; page: number; bytes: number }[] {
  mkdirSync(dir, { recursive: true });
  const texts = pageTexts(pdf);
  return shots.map((shot, index) => {
    const page = shot.heading === null ? 1 : texts.findIndex((text) => text.includes(shot.heading ?? '')) + 1;
    if (page === 0) throw new Error(`no page of ${pdf} has the heading "${shot.heading}"`);
    const base = join(dir, `${prefix}-${String(index + 1).padStart(2, '0')}-${shot.name}`);
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      String(dpi),
      '-f',
      String(page),
      '-l',
      String(page),
      '-singlefile',
      pdf,
      `${base}.tmp`,
    ]);
    renameSync(`${base}.tmp.png`, `${base}.png`);
    return { file: `${base}.png`, page, bytes: statSync(`${base}.png`).size };
  });
}
