import type { PageFeatures } from '@mlops/contracts';
import { countChars, countWords } from './text-stats.js';

/**
 * Features of flowing text without page geometry (DOCX, e-mail, plain text): lines are the
 * non-empty lines, blocks the runs of lines between blank lines; coverage and image ratio are
 * not defined, and nothing is scanned.
 */
export function flowFeatures(text: string): PageFeatures {
  const lines = text.split(/\r?\n/).map((line) => line.trim());
  let blockCount = 0;
  let inBlock = false;
  for (const line of lines) {
    if (line !== '' && !inBlock) blockCount += 1;
    inBlock = line !== '';
  }
  return {
    charCount: countChars(text),
    wordCount: countWords(text),
    lineCount: lines.filter((line) => line !== '').length,
    blockCount,
    textCoverage: null,
    imageRatio: null,
    meanOcrConfidence: null,
    scanned: false,
  };
}
