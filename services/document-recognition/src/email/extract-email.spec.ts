import { describe, expect, it } from 'vitest';
import { extractEmail } from './extract-email.js';

function message(body: string, type = 'text/plain'): Buffer {
  return Buffer.from(
    `From: Ada <ada@example.com>\r\nTo: bob@example.com\r\nSubject: Blanks\r\nContent-Type: ${type}; charset=utf-8\r\n\r\n${body}`,
  );
}

describe('extractEmail', () => {
  it('drops the blanks ending each line and collapses blank lines', async () => {
    const extraction = await extractEmail(message('first \t\r\nsecond\r\n\r\n\r\n\r\nthird  '));
    expect(extraction.pages[0]?.text).toBe('first\nsecond\n\nthird');
    expect(extraction.email).toMatchObject({ from: 'Ada <ada@example.com>', subject: 'Blanks', htmlBody: false });
  });

  it('completes on a 5 MB line of spaces and tabs between two words', async () => {
    const blanks = ' \t'.repeat(2_500_000);
    const extraction = await extractEmail(message(`start${blanks}end${blanks}\r\nnext`));
    expect(extraction.pages[0]?.text).toBe(`start${blanks}end\nnext`);
  });

  it('completes on HTML with long runs of blanks and unclosed tags', async () => {
    const html = `<p>one${' '.repeat(1_000_000)}two${'<b '.repeat(100_000)}</p>`;
    const extraction = await extractEmail(message(html, 'text/html'));
    expect(extraction.email?.htmlBody).toBe(true);
    expect(extraction.pages[0]?.text.startsWith('one two')).toBe(true);
  });
});
