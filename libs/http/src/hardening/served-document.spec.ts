import { describe, expect, it } from 'vitest';
import { asAttachment, attachmentDisposition, isActiveType, safeFilename, servedType } from './served-document.js';

describe('served documents', () => {
  it.each([
    'text/html',
    'text/html; charset=utf-8',
    'application/xhtml+xml',
    'image/svg+xml',
    'text/xml',
    'application/xml',
    'application/javascript',
    'TEXT/HTML',
    'application/rss+xml',
  ])('treats %s as active and serves it as octet-stream', (type) => {
    expect(isActiveType(type)).toBe(true);
    expect(servedType(type)).toBe('application/octet-stream');
  });

  it.each(['application/pdf', 'text/plain; charset=utf-8', 'image/png', 'application/zip', 'message/rfc822'])(
    'keeps %s',
    (type) => {
      expect(isActiveType(type)).toBe(false);
      expect(servedType(type)).toBe(type);
    },
  );

  it('makes file names safe for headers and file systems', () => {
    expect(safeFilename('../../etc/passwd')).toBe('passwd');
    expect(safeFilename('C:\\x\\evil".html')).toBe('evil-.html');
    expect(safeFilename('.hidden')).toBe('hidden');
    expect(safeFilename('résumé final.docx')).toBe('resume-final.docx');
    expect(safeFilename('\r\n')).toBe('download');
    expect(safeFilename('')).toBe('download');
  });

  it('quotes a safe ASCII name and keeps the original in filename*', () => {
    expect(attachmentDisposition('report.pdf')).toBe('attachment; filename="report.pdf"');
    const header = attachmentDisposition('été "x"\r\n.svg');
    expect(header).toMatch(/^attachment; filename="ete-x-.svg"; filename\*=UTF-8''/);
    expect(header).not.toMatch(/[\r\n]/);
    expect(decodeURIComponent(header.split("UTF-8''")[1] ?? '')).toBe('été x.svg');
  });

  it('sets attachment, nosniff, a sandboxing CSP and a passive type on a reply', () => {
    const headers: Record<string, string> = {};
    const reply = {
      header: (name: string, value: string) => {
        headers[name] = value;
        return reply;
      },
      type: (value: string) => {
        headers['content-type'] = value;
        return reply;
      },
    };
    expect(asAttachment(reply, { filename: 'page.html', mediaType: 'text/html; charset=utf-8' })).toBe(reply);
    expect(headers).toEqual({
      'content-disposition': 'attachment; filename="page.html"',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'content-type': 'application/octet-stream',
    });
  });
});
