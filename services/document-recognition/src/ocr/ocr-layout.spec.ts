import { describe, expect, it } from 'vitest';
import { ocrPageFeatures } from './ocr-features.js';
import { ocrLayout, type OcrBlock } from './ocr-layout.js';

const box = (x0: number, y0: number, x1: number, y1: number) => ({ x0, y0, x1, y1 });

const blocks: OcrBlock[] = [
  {
    text: 'Hello world\nsecond',
    paragraphs: [
      {
        lines: [
          {
            text: 'Hello world',
            words: [
              { text: 'Hello', bbox: box(0, 0, 10, 5) },
              { text: 'world', bbox: box(12, 0, 22, 5) },
            ],
          },
          { text: ' ', words: [{ text: ' ', bbox: box(0, 10, 100, 20) }] },
        ],
      },
      { lines: [{ text: 'second', words: [{ text: 'second', bbox: box(0, 20, 20, 30) }] }] },
    ],
  },
  { text: '  ', paragraphs: [{ lines: [{ text: 'x', words: [{ text: 'x', bbox: box(0, 0, 50, 50) }] }] }] },
];

describe('ocrLayout', () => {
  it('counts non-empty blocks and lines and sums the word boxes', () => {
    expect(ocrLayout(blocks)).toEqual({ lineCount: 2, blockCount: 1, wordArea: 50 + 50 + 200 });
  });

  it('is empty without blocks', () => {
    expect(ocrLayout(null)).toEqual({ lineCount: 0, blockCount: 0, wordArea: 0 });
  });
});

describe('ocrPageFeatures', () => {
  it('relates the word area to the raster and marks the page scanned', () => {
    const features = ocrPageFeatures(
      { text: 'Hello world\nsecond', confidence: 91.5, lineCount: 2, blockCount: 1, wordArea: 300 },
      100,
      30,
      1,
    );
    expect(features).toEqual({
      charCount: 16,
      wordCount: 3,
      lineCount: 2,
      blockCount: 1,
      textCoverage: 0.1,
      imageRatio: 1,
      meanOcrConfidence: 91.5,
      scanned: true,
    });
  });
});
