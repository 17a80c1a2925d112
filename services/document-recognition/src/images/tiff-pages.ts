import { createCanvas, ImageData } from '@napi-rs/canvas';
import UTIF from 'utif2';
import { recognitionErrors } from '../errors.js';
import type { ImageSize } from './image-header.js';

/** The images (pages) of a TIFF and their sizes, before any pixel is decoded. */
export interface TiffDirectory {
  readonly size: ImageSize;
  /** Decodes the page and encodes it as PNG for OCR. */
  toPng(): Promise<Buffer>;
}

function firstNumber(tag: unknown): number {
  return Array.isArray(tag) && typeof tag[0] === 'number' ? tag[0] : 0;
}

/**
 * Lists the pages of a TIFF (one image file directory each, sub-images such as thumbnails
 * skipped) with their sizes from the tags; pixels are decoded only by `toPng`.
 * Throws `RECOGNITION_CORRUPT` when the directories cannot be read.
 */
export function tiffDirectories(bytes: Buffer): TiffDirectory[] {
  let ifds: UTIF.IFD[];
  try {
    ifds = UTIF.decode(bytes);
  } catch (error) {
    throw recognitionErrors.corrupt(`the TIFF directories cannot be read: ${(error as Error).message}`);
  }
  const pages = ifds.filter((ifd) => firstNumber(ifd.t256) > 0 && firstNumber(ifd.t257) > 0);
  if (pages.length === 0) throw recognitionErrors.corrupt('the TIFF holds no image');
  return pages.map((ifd) => ({
    size: { width: firstNumber(ifd.t256), height: firstNumber(ifd.t257) },
    toPng: async () => {
      try {
        UTIF.decodeImage(bytes, ifd);
        const rgba = UTIF.toRGBA8(ifd);
        if (rgba.length !== ifd.width * ifd.height * 4) throw new Error('pixel data does not match the size');
        const canvas = createCanvas(ifd.width, ifd.height);
        canvas
          .getContext('2d')
          .putImageData(
            new ImageData(new Uint8ClampedArray(rgba.buffer, rgba.byteOffset, rgba.length), ifd.width, ifd.height),
            0,
            0,
          );
        return await canvas.encode('png');
      } catch (error) {
        throw recognitionErrors.corrupt(`a TIFF page cannot be decoded: ${(error as Error).message}`);
      }
    },
  }));
}
