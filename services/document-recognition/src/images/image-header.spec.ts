import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jpegSize, pngSize } from './image-header.js';
import { tiffDirectories } from './tiff-pages.js';

const fixture = (name: string) => readFileSync(new URL(`../../../../fixtures/documents/${name}`, import.meta.url));

describe('image headers', () => {
  it('reads PNG and JPEG sizes without decoding', () => {
    expect(pngSize(fixture('page-5.png'))).toEqual({ width: 1275, height: 1650 });
    expect(pngSize(fixture('bad/huge-dimensions.png'))).toEqual({ width: 50_000, height: 50_000 });
    expect(jpegSize(fixture('crop.jpg'))).toEqual({ width: 1000, height: 300 });
  });

  it('gives undefined for other or cut headers', () => {
    expect(pngSize(fixture('crop.jpg'))).toBeUndefined();
    expect(pngSize(fixture('page-5.png').subarray(0, 20))).toBeUndefined();
    expect(jpegSize(fixture('page-5.png'))).toBeUndefined();
    expect(jpegSize(fixture('crop.jpg').subarray(0, 30))).toBeUndefined();
  });

  it('lists the pages of a multi-page TIFF and decodes them to PNG', async () => {
    const pages = tiffDirectories(fixture('two-pages.tif'));
    expect(pages.map((page) => page.size)).toEqual([
      { width: 1000, height: 200 },
      { width: 1000, height: 200 },
    ]);
    const png = await pages[1]?.toPng();
    expect(png && pngSize(png)).toEqual({ width: 1000, height: 200 });
  });

  it('refuses a TIFF whose directories cannot be read', () => {
    const broken = Buffer.from([0x49, 0x49, 0x2a, 0x00, 0xff, 0xff, 0xff, 0x7f]);
    expect(() => tiffDirectories(broken)).toThrow(expect.objectContaining({ code: 'RECOGNITION_CORRUPT' }) as Error);
  });
});
