import { readFile } from 'node:fs/promises';
import type { RecognitionResult } from '@mlops/contracts';
import { recognitionResultSchema } from '@mlops/contracts';
import type { HttpApp } from '@mlops/http';
import { multipartBody, type FormPart, testKeyVerifier, withTestKey } from '@mlops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadDocumentRecognitionConfig } from '../src/config.js';
import { findExecutable } from '../src/office/libreoffice-converter.js';
import { wordRecall } from './text-agreement.js';
import { docxBomb } from './zip-bomb.js';

const fixtures = new URL('../../../fixtures/documents/', import.meta.url);
const fixture = (name: string) => readFile(new URL(name, fixtures));
const soffice = await findExecutable('soffice');
const expectedText = async (name: string) => (await fixture(name)).toString('utf8');

interface Answer {
  readonly statusCode: number;
  readonly contentType: string;
  readonly body: Record<string, unknown>;
}

const apps: HttpApp[] = [];

async function start(env: Record<string, string> = {}): Promise<HttpApp> {
  const app = withTestKey(
    await buildApp(loadDocumentRecognitionConfig({ LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', ...env }), {
      keyVerifier: testKeyVerifier,
    }),
  );
  apps.push(app);
  return app;
}

async function upload(app: HttpApp, parts: FormPart[]): Promise<Answer> {
  const response = await app.inject({ method: 'POST', url: '/v1/extract', ...multipartBody(parts) });
  return {
    statusCode: response.statusCode,
    contentType: String(response.headers['content-type']),
    body: response.json<Record<string, unknown>>(),
  };
}

async function extract(app: HttpApp, name: string, contentType?: string): Promise<RecognitionResult> {
  const answer = await upload(app, [{ filename: name.split('/').pop(), bytes: await fixture(name), contentType }]);
  expect(answer.statusCode, JSON.stringify(answer.body)).toBe(200);
  return recognitionResultSchema.parse(answer.body);
}

async function problemOf(
  app: HttpApp,
  name: string,
): Promise<{ status: number; code: unknown; detail: unknown; errors: unknown }> {
  const answer = await upload(app, [{ filename: name.split('/').pop(), bytes: await fixture(name) }]);
  expect(answer.contentType).toContain('application/problem+json');
  return { status: answer.statusCode, code: answer.body.code, detail: answer.body.detail, errors: answer.body.errors };
}

describe('POST /v1/extract on real files', () => {
  let app: HttpApp;

  beforeAll(async () => {
    app = await start();
  });

  afterAll(async () => {
    await Promise.all(apps.splice(0).map((a) => a.close()));
  });

  it('reads a text PDF in reading order, in agreement with pdftotext', async () => {
    const result = await extract(app, 'text.pdf', 'application/pdf');
    expect(result).toMatchObject({
      type: { kind: 'pdf', mime: 'application/pdf', extension: 'pdf' },
      method: 'text-layer',
      scanned: false,
      pageCount: 36,
      warnings: [],
      metadata: { producer: 'pdfTeX-1.40.24', creator: 'TeX', createdAt: '2025-02-08T12:23:13.000Z' },
    });
    expect(result.pages).toHaveLength(36);
    expect(wordRecall(result.text, await expectedText('text.expected.txt'))).toBeGreaterThanOrEqual(0.95);
    const second = result.pages[1];
    expect(second?.text).toContain(
      'This manual is for GNU Libtasn1 (version 4.19.0, 18 August 2022), which is a library for\nAbstract Syntax Notation One',
    );
    expect(second?.source).toBe('text-layer');
    expect(second?.size).toEqual({ width: 612, height: 792, unit: 'pt' });
    expect(second?.features).toMatchObject({ imageRatio: 0, meanOcrConfidence: null, scanned: false });
    expect(second?.features.lineCount).toBeGreaterThanOrEqual(8);
    expect(second?.features.textCoverage).toBeGreaterThan(0.02);
    expect(second?.features.textCoverage).toBeLessThan(0.3);
    expect(result.sha256).toMatch(/^[a-f0-9]{64}$/);
  });

  it('OCRs a scanned PDF page that has no text layer', async () => {
    const result = await extract(app, 'scanned.pdf');
    expect(result).toMatchObject({ method: 'ocr', scanned: true, pageCount: 1 });
    expect(result.metadata.title).toBe('Scanned page 5 of the GNU Libtasn1 manual');
    const page = result.pages[0];
    expect(page?.source).toBe('ocr');
    expect(page?.features.imageRatio).toBeCloseTo(1, 2);
    expect(page?.features.meanOcrConfidence).toBeGreaterThan(60);
    expect(page?.features.lineCount).toBeGreaterThan(20);
    expect(wordRecall(result.text, await expectedText('page-5.expected.txt'))).toBeGreaterThanOrEqual(0.85);
  });

  it('OCRs a PNG of a rendered page as well as the text layer of that page reads', async () => {
    const result = await extract(app, 'page-5.png', 'image/png');
    expect(result).toMatchObject({ type: { kind: 'image', extension: 'png' }, method: 'ocr', scanned: true });
    expect(result.pages[0]?.size).toEqual({ width: 1275, height: 1650, unit: 'px' });
    expect(result.pages[0]?.features.imageRatio).toBe(1);
    expect(wordRecall(result.text, await expectedText('page-5.expected.txt'))).toBeGreaterThanOrEqual(0.85);
    expect(result.text).toContain('ASN.1 structure handling');
  });

  it('OCRs a JPEG and every page of a multi-page TIFF', async () => {
    const jpeg = await extract(app, 'crop.jpg', 'image/jpeg');
    expect(jpeg.type.extension).toBe('jpg');
    expect(jpeg.text).toContain('Free Software Foundation');
    expect(wordRecall(jpeg.text, await expectedText('page-2.expected.txt'))).toBeGreaterThanOrEqual(0.85);

    const tiff = await extract(app, 'two-pages.tif', 'image/tiff');
    expect(tiff).toMatchObject({ type: { extension: 'tif' }, method: 'ocr', pageCount: 2 });
    expect(tiff.pages[0]?.text).toContain('VisibleString');
    expect(tiff.pages[1]?.text).toContain('Simple parsing');
  });

  it('reads a DOCX with mammoth, with its core properties', async () => {
    const result = await extract(app, 'memo.docx');
    expect(result).toMatchObject({
      type: { kind: 'docx' },
      method: 'docx',
      pageCount: 1,
      scanned: false,
      metadata: { title: 'Quarterly maintenance memo', author: 'Ada Fixture' },
    });
    expect(result.text).toContain(
      'The pumping station on Harbour Road was inspected on the third of March. All four pumps passed the vibration test',
    );
    expect(result.text).toContain('Order replacement valves from the usual supplier.');
    expect(result.pages[0]?.source).toBe('native');
    expect(result.pages[0]?.features).toMatchObject({ textCoverage: null, imageRatio: null, blockCount: 8 });
  });

  it('splits an e-mail into headers and body, HTML converted to text, attachments listed', async () => {
    const result = await extract(app, 'message.eml', 'message/rfc822');
    expect(result.method).toBe('email');
    expect(result.email).toEqual({
      from: 'Ada Fixture <ada.fixture@example.org>',
      to: ['Operations Committee <ops-committee@example.org>', 'Bob Builder <bob@example.net>'],
      cc: ['Maintenance Desk <maintenance@example.org>'],
      subject: 'Valve replacement on the northern loop',
      date: '2025-03-04T08:15:00.000Z',
      messageId: '<20250304091500.4711@mail.example.org>',
      htmlBody: true,
      attachments: [{ filename: 'valves.csv', contentType: 'text/csv', size: 75 }],
    });
    expect(result.text).toContain('found early corrosion on two valves of the northern loop');
    expect(result.text).toContain('The estimated cost is 4,800 €.');
    expect(result.text).not.toMatch(/<p>|color: #333|station,valve,status/);
    expect(result.metadata).toMatchObject({
      title: 'Valve replacement on the northern loop',
      createdAt: '2025-03-04T08:15:00.000Z',
    });
  });

  it('reads plain text as UTF-8, or as Windows-1252 with a warning', async () => {
    const utf8 = await extract(app, 'notes.txt', 'text/plain');
    expect(utf8).toMatchObject({ method: 'plain', type: { kind: 'text' }, warnings: [] });
    expect(utf8.text).toContain(
      'Crème brûlée was served at the canteen; the naïve café sign still says “Grand Opening”.',
    );

    const latin1 = await extract(app, 'latin1.txt');
    expect(latin1.text).toContain('Café crème, naïve façade: déjà vu.');
    expect(latin1.warnings.map((w) => w.code)).toEqual(['TEXT_ENCODING_FALLBACK']);
  });

  it('accepts the raw file as application/octet-stream, named by ?filename=', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/v1/extract?filename=notes.pdf',
      headers: { 'content-type': 'application/octet-stream' },
      payload: await fixture('notes.txt'),
    });
    expect(response.statusCode).toBe(200);
    const result = recognitionResultSchema.parse(response.json());
    expect(result.declared).toEqual({ filename: 'notes.pdf', mime: null });
    expect(result.type.kind).toBe('text');
    expect(result.warnings.map((w) => w.code)).toEqual(['DECLARED_TYPE_MISMATCH']);
  });

  it('takes files larger than the default HTTP body limit', async () => {
    const big = Buffer.from('lorem ipsum dolor sit amet\n'.repeat(60_000));
    const answer = await upload(app, [{ filename: 'big.txt', bytes: big }]);
    expect(answer.statusCode).toBe(200);
    expect(answer.body.bytes).toBe(big.length);
  });

  it('answers every file of the bad corpus with a coded 4xx naming the file, then keeps serving', async () => {
    const expectations: [string, number, string][] = [
      ['bad/empty.pdf', 422, 'RECOGNITION_EMPTY'],
      ['bad/random-bytes.pdf', 415, 'RECOGNITION_UNSUPPORTED_TYPE'],
      ['bad/garbage-after-header.pdf', 422, 'RECOGNITION_CORRUPT'],
      ['bad/truncated.pdf', 422, 'RECOGNITION_CORRUPT'],
      ['bad/encrypted.pdf', 422, 'RECOGNITION_ENCRYPTED'],
      ['bad/huge-dimensions.png', 422, 'RECOGNITION_IMAGE_TOO_LARGE'],
    ];
    for (const [name, status, code] of expectations) {
      const problem = await problemOf(app, name);
      expect({ name, status: problem.status, code: problem.code }).toEqual({ name, status, code });
      const filename = name.split('/').pop() ?? name;
      expect(problem.detail).toContain(filename);
      expect(problem.errors).toEqual([{ pointer: '/body/file', message: expect.stringContaining(filename) as string }]);
    }
    const truncatedPng = (await fixture('page-5.png')).subarray(0, 4000);
    const cut = await upload(app, [{ filename: 'cut.png', bytes: truncatedPng }]);
    expect(cut.statusCode).toBe(422);
    expect(cut.body.code).toBe('RECOGNITION_CORRUPT');

    const mislabelled = await extract(app, 'bad/png-named.pdf', 'application/pdf');
    expect(mislabelled.type).toEqual({ kind: 'image', mime: 'image/png', extension: 'png' });
    expect(mislabelled.warnings.map((w) => w.code)).toEqual(['DECLARED_TYPE_MISMATCH', 'DECLARED_TYPE_MISMATCH']);
    expect(mislabelled.text).toContain('Free Software Foundation');

    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    expect((await extract(app, 'memo.docx')).text).toContain('Quarterly maintenance memo');
  });

  it('refuses a zip-bomb DOCX (1 MiB that inflates to 1 GiB) with 413 naming the limit, and keeps serving', async () => {
    const bomb = docxBomb(1024);
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const answer = await upload(app, [{ filename: 'bomb.docx', bytes: bomb }]);
    expect(answer.statusCode).toBe(413);
    expect(answer.body).toMatchObject({ code: 'RECOGNITION_FILE_TOO_LARGE' });
    expect(String(answer.body.detail)).toMatch(/bomb\.docx: .*expands to more than 67108864 bytes/);
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  }, 60_000);

  it('reads the first file part only, and refuses requests without a usable one', async () => {
    const missing = await upload(app, [{ field: 'other', filename: 'x.txt', bytes: Buffer.from('hello') }]);
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toMatchObject({ code: 'RECOGNITION_FILE_MISSING', errors: [{ pointer: '/body/other' }] });

    const two = await upload(app, [
      { filename: 'notes.txt', bytes: await fixture('notes.txt') },
      { filename: 'latin1.txt', bytes: await fixture('latin1.txt') },
    ]);
    expect(two.statusCode).toBe(200);
    expect(two.body.declared).toEqual({ filename: 'notes.txt', mime: 'application/octet-stream' });

    const json = await app.inject({ method: 'POST', url: '/v1/extract', payload: { text: 'hello' } });
    expect(json.statusCode).toBe(400);
    expect(json.json()).toMatchObject({ code: 'RECOGNITION_FILE_MISSING', errors: [{ pointer: '/body/file' }] });

    const broken = await app.inject({
      method: 'POST',
      url: '/v1/extract',
      headers: { 'content-type': 'multipart/form-data; boundary=xyz' },
      payload: '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nunterminated',
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json()).toMatchObject({ code: 'RECOGNITION_BAD_UPLOAD' });
  });
});

describe('POST /v1/extract limits and converters', () => {
  afterAll(async () => {
    await Promise.all(apps.splice(0).map((a) => a.close()));
  });

  it('answers 413 past RECOGNITION_MAX_FILE_BYTES, streamed or raw', async () => {
    const app = await start({ RECOGNITION_MAX_FILE_BYTES: '10000' });
    const multipart = await upload(app, [{ filename: 'text.pdf', bytes: await fixture('text.pdf') }]);
    expect(multipart.statusCode).toBe(413);
    expect(multipart.body).toMatchObject({ code: 'RECOGNITION_FILE_TOO_LARGE', errors: [{ pointer: '/body/file' }] });
    const raw = await app.inject({
      method: 'POST',
      url: '/v1/extract',
      headers: { 'content-type': 'application/octet-stream' },
      payload: await fixture('text.pdf'),
    });
    expect(raw.statusCode).toBe(413);
    expect(raw.json()).toMatchObject({ code: 'RECOGNITION_FILE_TOO_LARGE' });
  });

  it('enforces the page and pixel limits', async () => {
    const app = await start({ RECOGNITION_MAX_PAGES: '10', RECOGNITION_MAX_PIXELS: '1000000' });
    expect(await problemOf(app, 'text.pdf')).toMatchObject({ status: 422, code: 'RECOGNITION_TOO_MANY_PAGES' });
    expect(await problemOf(app, 'page-5.png')).toMatchObject({ status: 422, code: 'RECOGNITION_IMAGE_TOO_LARGE' });
  });

  it('stops a document at RECOGNITION_TIMEOUT_MS and still serves the next one', async () => {
    const app = await start({ RECOGNITION_TIMEOUT_MS: '300' });
    expect(await problemOf(app, 'scanned.pdf')).toMatchObject({ status: 422, code: 'RECOGNITION_TIMEOUT' });
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    expect((await extract(app, 'notes.txt')).method).toBe('plain');
  });

  it('refuses office files when no converter is available', async () => {
    const app = await start({ RECOGNITION_SOFFICE_PATH: '/nonexistent/soffice' });
    expect(await problemOf(app, 'memo.odt')).toMatchObject({ status: 422, code: 'RECOGNITION_CONVERTER_UNAVAILABLE' });
  });

  it('answers 502 when gotenberg does not answer', async () => {
    const app = await start({ GOTENBERG_URL: 'http://127.0.0.1:9' });
    expect(await problemOf(app, 'memo.odt')).toMatchObject({ status: 502, code: 'RECOGNITION_CONVERTER_FAILED' });
  });

  it.runIf(soffice !== undefined)('converts an ODT with the local LibreOffice and reads the PDF', async () => {
    const app = await start();
    const result = await extract(app, 'memo.odt');
    expect(result).toMatchObject({ type: { kind: 'office', extension: 'odt' }, method: 'converted', pageCount: 1 });
    expect(result.text).toContain('Quarterly maintenance memo');
    expect(result.text).toContain('Order replacement valves from the usual supplier.');
  });
});
