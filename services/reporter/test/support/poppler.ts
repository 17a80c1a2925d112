import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';

function withPdf<T>(pdf: Buffer, use: (file: string, dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'reporter-pdf-'));
  try {
    const file = join(dir, 'report.pdf');
    writeFileSync(file, pdf);
    return use(file, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of each page, from pdftotext (layout order). */
export function pageTexts(pdf: Buffer): string[] {
  return withPdf(pdf, (file) =>
    execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).split('\f').slice(0, -1),
  );
}

/** pdfinfo's or pdffonts' output. */
export function popplerInfo(tool: 'pdfinfo' | 'pdffonts', pdf: Buffer): string {
  return withPdf(pdf, (file) => execFileSync(tool, [file], { encoding: 'utf8' }));
}

/** A decoded 8-bit RGB or grey image. */
export interface Raster {
  readonly width: number;
  readonly height: number;
  readonly channels: number;
  readonly pixels: Uint8Array;
}

/** Decodes the 8-bit, non-interlaced PNGs pdftoppm writes (grey, RGB or RGBA; all five filters). */
export function decodePng(png: Buffer): Raster {
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const channels = { 0: 1, 2: 3, 6: 4 }[png[25] ?? 2] ?? 3;
  const chunks: Buffer[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    if (png.toString('latin1', at + 4, at + 8) === 'IDAT') chunks.push(png.subarray(at + 8, at + 8 + length));
    at += length + 12;
  }
  const data = inflateSync(Buffer.concat(chunks));
  const stride = width * channels;
  const pixels = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = data[y * (stride + 1)] ?? 0;
    for (let x = 0; x < stride; x++) {
      const raw = data[y * (stride + 1) + 1 + x] ?? 0;
      const left = x >= channels ? (pixels[y * stride + x - channels] ?? 0) : 0;
      const up = y > 0 ? (pixels[(y - 1) * stride + x] ?? 0) : 0;
      const upLeft = x >= channels && y > 0 ? (pixels[(y - 1) * stride + x - channels] ?? 0) : 0;
      const paeth = (): number => {
        const p = left + up - upLeft;
        const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
        return pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      };
      const predictor = [0, left, up, (left + up) >> 1, paeth()][filter] ?? 0;
      pixels[y * stride + x] = (raw + predictor) & 0xff;
    }
  }
  return { width, height, channels, pixels };
}

/** Renders every page to PNG with pdftoppm at `dpi` and decodes them, in page order. */
export function renderPages(pdf: Buffer, dpi: number): Raster[] {
  return withPdf(pdf, (file, dir) => {
    execFileSync('pdftoppm', ['-png', '-r', String(dpi), file, join(dir, 'page')]);
    return readdirSync(dir)
      .filter((name) => name.endsWith('.png'))
      .sort()
      .map((name) => decodePng(readFileSync(join(dir, name))));
  });
}

/** Share of the pixels of a band of rows (fractions of the height) that are not near-white. */
export function inkShare(image: Raster, fromRow: number, toRow: number): number {
  const [start, end] = [Math.floor(image.height * fromRow), Math.floor(image.height * toRow)];
  let ink = 0;
  for (let y = start; y < end; y++) {
    for (let x = 0; x < image.width; x++) {
      const at = (y * image.width + x) * image.channels;
      const darkest = Math.min(...Array.from(image.pixels.subarray(at, at + Math.min(3, image.channels))));
      if (darkest < 235) ink++;
    }
  }
  return ink / Math.max(1, (end - start) * image.width);
}
