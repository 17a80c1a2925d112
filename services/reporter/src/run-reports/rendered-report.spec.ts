import { describe, expect, it } from 'vitest';
import { buildRunReportModel, renderRunReport } from '../report/index.js';
import { renderRetryDelay } from './render-report.consumer.js';
import { reportErrorOf, reportUrl } from './render-report.usecase.js';
import { missingParts, pdfPageCount } from './rendered-report.js';

describe('a rendered run report', () => {
  it('counts the pages of the PDF and lists the parts an empty manifest could not fill', async () => {
    const model = buildRunReportModel({ model: { manifest: { formatVersion: 0 }, version: 1 } });
    const pdf = await renderRunReport(model);
    const count = /\/Type \/Pages[^>]*\/Count (\d+)/.exec(pdf.toString('latin1'))?.[1];
    expect(pdfPageCount(pdf)).toBeGreaterThan(1);
    expect(String(pdfPageCount(pdf))).toBe(count);
    const missing = missingParts(model);
    expect(missing).toContain('headline');
    expect(missing).toContain('calibration');
    expect(missing).not.toContain('identity');
  });

  it('counts page objects, not the page tree', () => {
    const pdf = Buffer.from('<< /Type /Pages /Count 2 >> << /Type /Page >> <</Type/Page/Parent 1 0 R>>', 'latin1');
    expect(pdfPageCount(pdf)).toBe(2);
  });
});

describe('render helpers', () => {
  it('doubles the retry delay up to five minutes', () => {
    const delay = renderRetryDelay(5000);
    expect([1, 2, 3, 4].map(delay)).toEqual([5000, 10_000, 20_000, 40_000]);
    expect(delay(12)).toBe(300_000);
  });

  it('builds the URL the registry records, and names errors by kind', () => {
    expect(reportUrl('https://reports.example.com', 'spam-filter', 3)).toBe(
      'https://reports.example.com/v1/reports/spam-filter/3.pdf',
    );
    expect(reportErrorOf(new TypeError('bad manifest'))).toEqual({
      code: 'REPORT_RENDER_FAILED',
      message: 'TypeError: bad manifest',
    });
    expect(reportErrorOf('x'.repeat(5000)).message).toHaveLength(2000);
  });
});
