import { createHash } from 'node:crypto';
import type { DatasetRow } from '@mlops/ml/steps';
import { describe, expect, it } from 'vitest';
import { contentHash, labelDistribution, textLengthStatistics } from './version-statistics.js';

let counter = 0;
function row(label: string, text: string): DatasetRow {
  counter += 1;
  return {
    id: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    textSha256: `sha-${text}`,
    text,
    label,
    language: 'en',
  };
}

describe('version statistics', () => {
  it('hashes content independently of row order and summarises labels and lengths', () => {
    const rows = [row('a', 'xx'), row('b', 'xxxx'), row('a', 'xxxxxx')];
    expect(contentHash(rows)).toBe(contentHash([...rows].reverse()));
    expect(contentHash(rows)).not.toBe(contentHash(rows.slice(1)));
    expect(labelDistribution(rows)).toEqual({ a: 2, b: 1 });
    expect(textLengthStatistics(rows)).toEqual({ min: 2, max: 6, mean: 4, median: 4, p95: 6 });
    expect(textLengthStatistics([])).toEqual({ min: 0, max: 0, mean: 0, median: 0, p95: 0 });
  });

  it('hashes documentId, textSha256 and label lines sorted by document id, as stored versions do', () => {
    const rows = [
      { id: 'b', textSha256: 't2', text: 'two', label: 'ham' },
      { id: 'a', textSha256: 't1', text: 'one', label: 'spam' },
    ];
    expect(contentHash(rows)).toBe(createHash('sha256').update('a\tt1\tspam\nb\tt2\tham\n').digest('hex'));
  });
});
