import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { toCsv, type CsvTable } from './csv.js';
import { zipTables } from './csv-zip.js';

const table: CsvTable = {
  name: 'metrics',
  header: ['metric', 'value', 'note'],
  rows: [
    ['Accuracy', 0.875, 'plain'],
    ['Macro-F1', 0.1 + 0.2, 'with, comma and "quotes"'],
    ['=HYPERLINK("x")', null, 'line\nbreak'],
  ],
};

describe('toCsv', () => {
  it('quotes what needs quoting, keeps numbers exact and defuses formulas', () => {
    expect(toCsv(table)).toBe(
      'metric,value,note\r\nAccuracy,0.875,plain\r\nMacro-F1,0.30000000000000004,"with, comma and ""quotes"""\r\n"\'=HYPERLINK(""x"")",,"line\nbreak"\r\n',
    );
  });
});

describe('zipTables', () => {
  it('gives the same bytes for the same tables in any time zone, entries sorted', () => {
    const other: CsvTable = { name: 'a_first', header: ['x'], rows: [[1]] };
    const zone = process.env.TZ;
    let first: Uint8Array;
    let second: Uint8Array;
    try {
      process.env.TZ = 'America/Los_Angeles';
      first = zipTables([table, other], '2026-03-29T01:30:00Z');
      process.env.TZ = 'Asia/Tokyo';
      second = zipTables([other, table], '2026-03-29T01:30:00Z');
    } finally {
      process.env.TZ = zone;
    }
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
    const files = unzipSync(first);
    expect(Object.keys(files)).toEqual(['a_first.csv', 'metrics.csv']);
    expect(strFromU8(files['metrics.csv'] ?? new Uint8Array())).toBe(toCsv(table));
  });
});
