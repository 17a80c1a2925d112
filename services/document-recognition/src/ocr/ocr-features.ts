import type { PageFeatures } from '@mlops/contracts';
import { countChars, countWords } from '../layout/text-stats.js';
import type { OcrOutput } from './ocr-pool.js';

/**
 * Features of a page whose text came from OCR of a `width` × `height` pixel raster: coverage
 * is the area of the word boxes over the raster's area; the page counts as scanned.
 */
export function ocrPageFeatures(output: OcrOutput, width: number, height: number, imageRatio: number): PageFeatures {
  return {
    charCount: countChars(output.text),
    wordCount: countWords(output.text),
    lineCount: output.lineCount,
    blockCount: output.blockCount,
    textCoverage: Math.min(1, output.wordArea / Math.max(1, width * height)),
    imageRatio,
    meanOcrConfidence: Math.max(0, Math.min(100, output.confidence)),
    scanned: true,
  };
}
