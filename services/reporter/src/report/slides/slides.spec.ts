import { describe, expect, it } from 'vitest';
import { textWidth } from '../../render/text-metrics.js';
import { classChangeSentence, confusionChangeSentence } from '../comparison-sentences.js';
import { classSpreadSentence } from './classes-slide.js';
import { confusionSentence } from './confusion-slide.js';
import { errorColumns } from './errors-slide.js';
import { labelsLine } from './title-slide.js';

describe('errorColumns', () => {
  const rows = [
    ['noun.communication → noun.artifact', '1,051', 'hard-ham-1/00218', '84%', 'some text'],
    ['', '', 'easy-ham-2/01390', '65%', 'another text'],
  ];
  const width = 761.89;
  const columns = errorColumns(rows, width);
  const total = columns.reduce((sum, column) => sum + column.weight, 0);
  const widthOf = (index: number) => ((columns[index]?.weight ?? 0) / total) * width;

  it('gives the ids their whole width and the class pair two lines', () => {
    expect(total).toBeCloseTo(width, 6);
    expect(widthOf(2)).toBeGreaterThan(textWidth('hard-ham-1/00218', 9.5) + 12);
    expect(columns[0]?.maxLines).toBe(2);
    expect(widthOf(0)).toBeGreaterThan(textWidth('noun.communication →', 9.5) + 12);
    expect(widthOf(4)).toBeGreaterThan(width * 0.3);
  });
});

describe('subtitles', () => {
  it('print every count with thousands separators', () => {
    expect(
      confusionSentence({
        mode: 'matrix',
        labels: ['ham', 'spam'],
        matrix: [
          [813, 7],
          [11, 1299],
        ],
      }),
    ).toBe(
      '2,112 test texts of 2,130 landed on the diagonal (right answers); the cells off the diagonal are the mistakes.',
    );
    const many = Array.from({ length: 1200 }, (_, i) => ({
      label: `c${i}`,
      precision: 0.5,
      recall: 0.5,
      f1: i === 0 ? 0.9 : 0.5,
      support: 1,
      predicted: 1,
    }));
    expect(classSpreadSentence(many)).toContain('1,199 of 1,200 classes are below 70% F1.');
    const deltas = Array.from({ length: 1001 }, (_, i) => ({
      label: `c${i}`,
      a: 0.5,
      b: 0.4,
      delta: -0.1,
      interval: null,
    }));
    expect(classChangeSentence(deltas)).toContain('fell by more than a point for 1,001.');
    const pair = { truth: 'a', predicted: 'b', a: 1, b: 0 };
    expect(confusionChangeSentence({ appeared: [], disappeared: Array.from({ length: 1500 }, () => pair) })).toBe(
      '0 kinds of mistakes appeared and 1,500 disappeared.',
    );
    const identity = { labels: Array.from({ length: 1010 }, (_, i) => `c${i}`) };
    expect(labelsLine(identity as unknown as Parameters<typeof labelsLine>[0])).toMatch(
      /^Classifies texts into 1,010 classes: .* and 1,002 more\.$/,
    );
  });
});
