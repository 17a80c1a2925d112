import type { RecognizedPage } from '@mlops/contracts';
import { isCodedError, recognitionErrors } from '../errors.js';
import type { ExtractionContext, Extraction } from '../extract/extraction.js';
import { emptyMetadata } from '../extract/extraction.js';
import { ocrPageFeatures } from '../ocr/ocr-features.js';
import type { KnownFormat } from '../sniffing/formats.js';
import { jpegSize, pngSize, type ImageSize } from './image-header.js';
import { tiffDirectories } from './tiff-pages.js';

function checkSize(size: ImageSize | undefined, context: ExtractionContext, page?: number): ImageSize {
  if (!size || size.width === 0 || size.height === 0) {
    throw recognitionErrors.corrupt('the image header is missing or cut');
  }
  const pixels = size.width * size.height;
  if (pixels > context.limits.maxPixels) {
    throw recognitionErrors.imageTooLarge(
      `${page === undefined ? 'the image' : `page ${page}`} is ${size.width}x${size.height} = ${pixels} pixels; the limit is ${context.limits.maxPixels}`,
    );
  }
  return size;
}

async function ocrImage(
  image: Buffer,
  size: ImageSize,
  number: number,
  context: ExtractionContext,
): Promise<RecognizedPage> {
  try {
    const output = await context.ocr.recognize(image, context.signal);
    return {
      number,
      text: output.text,
      source: 'ocr',
      size: { width: size.width, height: size.height, unit: 'px' },
      features: ocrPageFeatures(output, size.width, size.height, 1),
    };
  } catch (error) {
    if (isCodedError(error) || context.signal.aborted) throw error;
    throw recognitionErrors.corrupt(
      `the image cannot be decoded: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/**
 * OCRs an image file: PNG and JPEG as they are, TIFF page by page (each page decoded and passed
 * on as PNG). Sizes are read from the headers and checked against the pixel limit before any
 * pixel is decoded.
 */
export async function extractImage(
  bytes: Buffer,
  format: KnownFormat,
  context: ExtractionContext,
): Promise<Extraction> {
  const pages: RecognizedPage[] = [];
  if (format.id === 'tif') {
    const directories = tiffDirectories(bytes);
    if (directories.length > context.limits.maxPages) {
      throw recognitionErrors.tooManyPages(
        `the TIFF has ${directories.length} pages; the limit is ${context.limits.maxPages}`,
      );
    }
    directories.forEach((directory, index) => checkSize(directory.size, context, index + 1));
    for (const [index, directory] of directories.entries()) {
      context.signal.throwIfAborted();
      pages.push(await ocrImage(await directory.toPng(), directory.size, index + 1, context));
    }
  } else {
    const size = checkSize(format.id === 'png' ? pngSize(bytes) : jpegSize(bytes), context);
    pages.push(await ocrImage(bytes, size, 1, context));
  }
  return { method: 'ocr', pages, metadata: emptyMetadata(), email: null };
}
