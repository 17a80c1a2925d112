/** The parts of tesseract's block tree the features need. */
export interface OcrBlock {
  readonly text: string;
  readonly paragraphs: readonly {
    readonly lines: readonly {
      readonly text: string;
      readonly words: readonly { readonly text: string; readonly bbox: OcrBox }[];
    }[];
  }[];
}

interface OcrBox {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/** Structure of an OCR'd page: non-empty blocks and lines, and the area covered by word boxes (pixels²). */
export interface OcrLayout {
  readonly lineCount: number;
  readonly blockCount: number;
  readonly wordArea: number;
}

/** Counts the non-empty blocks and lines of tesseract's output and sums its word boxes. */
export function ocrLayout(blocks: readonly OcrBlock[] | null): OcrLayout {
  let lineCount = 0;
  let blockCount = 0;
  let wordArea = 0;
  for (const block of blocks ?? []) {
    if (block.text.trim() === '') continue;
    blockCount += 1;
    for (const line of block.paragraphs.flatMap((paragraph) => paragraph.lines)) {
      if (line.text.trim() === '') continue;
      lineCount += 1;
      for (const word of line.words) {
        if (word.text.trim() === '') continue;
        wordArea += Math.max(0, word.bbox.x1 - word.bbox.x0) * Math.max(0, word.bbox.y1 - word.bbox.y0);
      }
    }
  }
  return { lineCount, blockCount, wordArea };
}
