import { describe, expect, it } from 'vitest';
import { layoutPage, type TextRun } from './text-lines.js';

function run(text: string, x: number, y: number, width = text.length * 5, height = 10): TextRun {
  return { text, x, y, width, height };
}

describe('layoutPage', () => {
  it('puts runs in reading order: lines top to bottom, runs left to right', () => {
    const layout = layoutPage([run('world', 60, 100), run('second line', 10, 112), run('hello', 10, 100)]);
    expect(layout.lines).toEqual(['hello world', 'second line']);
    expect(layout.text).toBe('hello world\nsecond line');
    expect(layout.lineCount).toBe(2);
    expect(layout.blockCount).toBe(1);
  });

  it('keeps a run on its line when its baseline is slightly off (superscripts, subscripts)', () => {
    const layout = layoutPage([run('x', 10, 100), run('2', 16, 97, 4, 7), run('+ y', 24, 100)]);
    expect(layout.lines).toEqual(['x2 + y']);
  });

  it('inserts a space only where runs are apart and joins touching runs', () => {
    const layout = layoutPage([run('Hyph', 10, 50, 20), run('enated', 30, 50, 30), run('word', 64, 50, 20)]);
    expect(layout.text).toBe('Hyphenated word');
  });

  it('starts a new block at a large vertical gap', () => {
    const layout = layoutPage([run('Title', 10, 50), run('para one', 10, 90), run('continues', 10, 102)]);
    expect(layout.text).toBe('Title\n\npara one\ncontinues');
    expect(layout.blockCount).toBe(2);
    expect(layout.lineCount).toBe(3);
  });

  it('ignores whitespace-only runs and collapses inner whitespace', () => {
    const layout = layoutPage([run('a  b', 10, 10), run('   ', 40, 10), run('', 50, 30)]);
    expect(layout.text).toBe('a b');
    expect(layout.lineCount).toBe(1);
  });

  it('sums the area of the runs', () => {
    expect(layoutPage([run('ab', 0, 10, 10, 10), run('cd', 20, 10, 5, 10)]).textArea).toBe(150);
  });

  it('gives nothing for an empty page', () => {
    expect(layoutPage([])).toEqual({ text: '', lines: [], lineCount: 0, blockCount: 0, textArea: 0 });
  });
});
