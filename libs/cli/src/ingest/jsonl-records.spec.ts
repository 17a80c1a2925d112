import { describe, expect, it } from 'vitest';
import { parseJsonlRecords } from './jsonl-records.js';

describe('parseJsonlRecords', () => {
  it('keeps valid records and names each refused line and field', () => {
    const text = [
      '{"text": "hello", "labels": {"spam": "ham"}}',
      '',
      '{"text": ""}',
      'not json',
      '{"text": "x", "colour": 1}',
    ].join('\n');
    const { records, invalid } = parseJsonlRecords(text);
    expect(records).toEqual([{ text: 'hello', labels: { spam: 'ham' } }]);
    expect(invalid.map((line) => line.line)).toEqual([3, 4, 5]);
    expect(invalid[0]?.errors[0]).toMatch(/^text: /);
    expect(invalid[1]?.errors[0]).toMatch(/^not JSON/);
    expect(invalid[2]?.errors[0]).toMatch(/colour/);
  });
});
