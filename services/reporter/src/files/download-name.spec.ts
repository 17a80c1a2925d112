import { describe, expect, it } from 'vitest';
import { comparisonName, downloadName, runReportName, tablesName } from './download-name.js';

describe('download names', () => {
  it('names run reports, tables and comparisons after the model and versions', () => {
    expect(runReportName('spam-filter', 4)).toBe('spam-filter-v4-report.pdf');
    expect(tablesName('spam-filter', 4)).toBe('spam-filter-v4-tables.zip');
    expect(comparisonName('topics.v2', 3, 5)).toBe('topics.v2-v5-vs-v3.pdf');
  });

  it('keeps only letters, digits, dots, underscores and dashes, with no leading dot or dash', () => {
    expect(downloadName('../../etc/passwd', 'pdf')).toBe('etc-passwd.pdf');
    expect(downloadName('a "quoted"\r\nname; x=1', 'pdf')).toBe('a-quoted-name-x-1.pdf');
    expect(downloadName('Größe é', 'zip')).toBe('Gr-e.zip');
    expect(downloadName('.hidden', 'pdf')).toBe('hidden.pdf');
    expect(downloadName('', 'pdf')).toBe('report.pdf');
    expect(downloadName('---', 'p"df')).toBe('report.pdf');
  });

  it('bounds the length', () => {
    const name = downloadName('x'.repeat(500), 'pdf');
    expect(name).toBe(`${'x'.repeat(120)}.pdf`);
  });
});
