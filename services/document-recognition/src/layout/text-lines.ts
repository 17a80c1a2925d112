/** A run of text placed on a page, in top-down page units: `y` is the baseline, `height` the font size. */
export interface TextRun {
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Text of a page in reading order, with its line and block structure. */
export interface PageLayout {
  readonly text: string;
  readonly lines: readonly string[];
  readonly lineCount: number;
  readonly blockCount: number;
  /** Sum of the runs' boxes (width × height), in squared page units. */
  readonly textArea: number;
}

interface Line {
  readonly y: number;
  readonly height: number;
  readonly runs: TextRun[];
}

/** Runs whose baselines differ by less than this share of the smaller font size are on one line. */
const SAME_LINE = 0.5;
/** A horizontal gap wider than this share of the font size is a space between runs. */
const SPACE_GAP = 0.2;
/** A vertical distance between baselines larger than this multiple of the font size starts a new block. */
const BLOCK_GAP = 1.6;

function groupIntoLines(runs: readonly TextRun[]): Line[] {
  const sorted = runs.filter((run) => run.text.trim() !== '').sort((a, b) => a.y - b.y || a.x - b.x);
  const lines: Line[] = [];
  for (const run of sorted) {
    const current = lines.at(-1);
    if (current && Math.abs(run.y - current.y) <= SAME_LINE * Math.min(current.height, run.height || current.height)) {
      current.runs.push(run);
    } else {
      lines.push({ y: run.y, height: run.height, runs: [run] });
    }
  }
  for (const line of lines) line.runs.sort((a, b) => a.x - b.x);
  return lines;
}

function joinRuns(runs: readonly TextRun[]): string {
  let text = '';
  let previousEnd: number | undefined;
  for (const run of runs) {
    const gap = previousEnd === undefined ? 0 : run.x - previousEnd;
    if (previousEnd !== undefined && gap > SPACE_GAP * run.height && !/\s$/.test(text) && !/^\s/.test(run.text)) {
      text += ' ';
    }
    text += run.text;
    previousEnd = Math.max(previousEnd ?? -Infinity, run.x + run.width);
  }
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Puts the text runs of a page in reading order: grouped into lines by baseline, lines sorted
 * top to bottom and runs left to right, spaces inserted where runs are apart, and lines split
 * into blocks where the vertical gap is large. Text is lines joined by newlines, blocks by a
 * blank line. One column only: side-by-side columns are read across.
 */
export function layoutPage(runs: readonly TextRun[]): PageLayout {
  const lines = groupIntoLines(runs);
  const blocks: string[][] = [];
  let previous: Line | undefined;
  for (const line of lines) {
    const text = joinRuns(line.runs);
    if (text === '') continue;
    const gap = previous ? line.y - previous.y : 0;
    const current = blocks.at(-1);
    if (!current || !previous || gap > BLOCK_GAP * Math.max(previous.height, line.height)) blocks.push([text]);
    else current.push(text);
    previous = line;
  }
  const textArea = runs.reduce((sum, run) => sum + Math.abs(run.width * run.height), 0);
  return {
    text: blocks.map((block) => block.join('\n')).join('\n\n'),
    lines: blocks.flat(),
    lineCount: blocks.reduce((sum, block) => sum + block.length, 0),
    blockCount: blocks.length,
    textArea,
  };
}
