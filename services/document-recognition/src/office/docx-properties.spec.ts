import { readFileSync } from 'node:fs';
import { zipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { docxProperties } from './docx-properties.js';

describe('docxProperties', () => {
  it('reads the core and app properties of a real DOCX', () => {
    const bytes = readFileSync(new URL('../../../../fixtures/documents/memo.docx', import.meta.url));
    expect(docxProperties(bytes)).toMatchObject({
      title: 'Quarterly maintenance memo',
      author: 'Ada Fixture',
      subject: 'Test document for the document-recognition service',
      language: 'en-US',
    });
  });

  it('decodes entities and dates', () => {
    const core =
      '<cp:coreProperties><dc:title>R&amp;D &#8211; plan</dc:title><dcterms:created xsi:type="dcterms:W3CDTF">' +
      '2024-05-01T10:00:00Z</dcterms:created><dcterms:modified>not a date</dcterms:modified></cp:coreProperties>';
    const bytes = zipSync({ 'docProps/core.xml': strToU8(core) });
    expect(docxProperties(bytes)).toMatchObject({
      title: 'R&D \u2013 plan',
      createdAt: '2024-05-01T10:00:00.000Z',
      modifiedAt: null,
      author: null,
    });
  });

  it('gives empty metadata for a file that is not a zip', () => {
    expect(docxProperties(Buffer.from('not a zip'))).toMatchObject({ title: null, author: null, createdAt: null });
  });

  it('completes on a core.xml of ~1 MB of unclosed opening tags (a lazy regex rescans from each)', () => {
    const unclosed = '<dc:title>'.repeat(99_000);
    const core = `<cp:coreProperties>${unclosed}<dc:creator >Ada</dc:creator><dc:subjectx>no</dc:subjectx></cp:coreProperties>`;
    const bytes = zipSync({ 'docProps/core.xml': strToU8(core) });
    expect(docxProperties(bytes)).toMatchObject({ title: null, author: 'Ada', subject: null });
  });
});
