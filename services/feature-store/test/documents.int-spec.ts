import { createHash, randomUUID } from 'node:crypto';
import type { HttpApp } from '@mlops/http';
import {
  createTestEnvironment,
  waitFor,
  type TestEnvironment,
  testKeyVerifier,
  withTestKey,
  bearer,
} from '@mlops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadFeatureStoreConfig } from '../src/config.js';
import { multipartBody } from './multipart-body.js';

interface Receipt {
  id: string;
  sha256: string;
  duplicate: boolean;
  status: string;
  detectedType?: string;
}
interface DocumentView {
  id: string;
  status: string;
  labels: Record<string, { label: string; by: string }>;
  metadata: Record<string, unknown>;
  source: { kind: string; detectedType: string; declaredType?: string; size: number };
  error?: { code: string };
}

const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

describe('feature-store documents, labels and imports', () => {
  let environment: TestEnvironment;
  let app: HttpApp;

  beforeAll(async () => {
    environment = await createTestEnvironment('feature-store documents');
    app = withTestKey(
      await buildApp(
        loadFeatureStoreConfig({
          ...environment.env,
          RECOGNITION_URL: 'http://127.0.0.1:9',
          NLP_URL: 'http://127.0.0.1:9',
          PROCESSING_MAX_ATTEMPTS: '1',
          FEATURE_STORE_MAX_FILE_BYTES: '4096',
        }),
        { keyVerifier: testKeyVerifier },
      ),
    );
  });

  afterAll(async () => {
    await app.close();
    await environment.dispose();
  });

  const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url, payload, headers });
  const getDocument = async (id: string) =>
    (await app.inject({ method: 'GET', url: `/v1/documents/${id}` })).json<DocumentView>();

  it('stores a JSON batch once per distinct text and reports duplicates', async () => {
    const text = `hello ${randomUUID()}`;
    const first = await post(
      '/v1/documents',
      {
        records: [{ text, labels: { spam: 'ham' }, metadata: { source: 'unit' } }, { text }],
        labelledBy: 'mallory',
      },
      { authorization: bearer('alice') },
    );
    expect(first.statusCode).toBe(201);
    const [a, b] = first.json<{ items: Receipt[] }>().items;
    expect(a).toMatchObject({
      duplicate: false,
      status: 'received',
      sha256: createHash('sha256').update(text).digest('hex'),
    });
    expect(b).toMatchObject({ id: a?.id, duplicate: true });
    const again = await post('/v1/documents', { records: [{ text }] });
    expect(again.statusCode).toBe(200);
    expect(again.json<{ items: Receipt[] }>().items[0]).toMatchObject({ id: a?.id, duplicate: true });
    const stored = await getDocument(a?.id ?? '');
    expect(stored.labels.spam).toMatchObject({ label: 'ham', by: 'alice' });
    expect(stored.metadata).toEqual({ source: 'unit' });
  });

  it('streams uploaded files into GridFS, typed by their bytes, once per content', async () => {
    const body = multipartBody([
      { kind: 'field', name: 'labels', value: '{"kind":"image"}' },
      { kind: 'file', name: 'file', filename: 'picture.pdf', type: 'application/pdf', content: PNG_1X1 },
      { kind: 'file', name: 'file', filename: 'again.png', type: 'image/png', content: PNG_1X1 },
    ]);
    const response = await app.inject({ method: 'POST', url: '/v1/documents', ...body });
    expect(response.statusCode).toBe(201);
    const [first, second] = response.json<{ items: Receipt[] }>().items;
    expect(first).toMatchObject({ duplicate: false, detectedType: 'image/png' });
    expect(second).toMatchObject({ id: first?.id, duplicate: true });
    const stored = await getDocument(first?.id ?? '');
    expect(stored.source).toMatchObject({
      kind: 'file',
      declaredType: 'application/pdf',
      detectedType: 'image/png',
      size: PNG_1X1.length,
    });
    const content = await app.inject({ method: 'GET', url: `/v1/documents/${first?.id ?? ''}/content` });
    expect(content.rawPayload.equals(PNG_1X1)).toBe(true);
  });

  it('serves an uploaded original as an attachment under a safe name, never HTML or SVG inline', async () => {
    const html = Buffer.from(`<!doctype html><html><body><script>alert("${randomUUID()}")</script></body></html>`);
    const svg = Buffer.from(
      `<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert('${randomUUID()}')"/>`,
    );
    const body = multipartBody([
      { kind: 'file', name: 'file', filename: '../evil page.html', type: 'text/html', content: html },
      { kind: 'file', name: 'file', filename: 'drawing.svg', type: 'image/svg+xml', content: svg },
    ]);
    const response = await app.inject({ method: 'POST', url: '/v1/documents', ...body });
    expect(response.statusCode).toBe(201);
    const [page, drawing] = response.json<{ items: Receipt[] }>().items;
    for (const [receipt, name, bytes] of [
      [page, 'evil-page.html', html],
      [drawing, 'drawing.svg', svg],
    ] as const) {
      const content = await app.inject({ method: 'GET', url: `/v1/documents/${receipt?.id ?? ''}/content` });
      expect(content.statusCode).toBe(200);
      expect(content.headers['content-type']).not.toMatch(/html|svg|xml|javascript/);
      expect(content.headers['content-disposition']).toMatch(new RegExp(`^attachment; filename="${name}"`));
      expect(content.headers['x-content-type-options']).toBe('nosniff');
      expect(content.rawPayload.equals(bytes)).toBe(true);
    }
  });

  it('recognises plain text and e-mails from their bytes', async () => {
    const email = Buffer.from(
      `From: a@example.org\r\nTo: b@example.org\r\nSubject: hi ${randomUUID()}\r\n\r\nBody text\r\n`,
    );
    const text = Buffer.from(`just some text ${randomUUID()}\n`);
    const body = multipartBody([
      { kind: 'file', name: 'file', filename: 'mail.bin', type: 'application/octet-stream', content: email },
      { kind: 'file', name: 'file', filename: 'notes', type: 'application/octet-stream', content: text },
    ]);
    const items = (await app.inject({ method: 'POST', url: '/v1/documents', ...body })).json<{ items: Receipt[] }>()
      .items;
    expect(items.map((item) => item.detectedType)).toEqual(['message/rfc822', 'text/plain']);
  });

  it('refuses an oversized file (413) and an empty one (422), naming the file and keeping nothing of them', async () => {
    const big = multipartBody([
      {
        kind: 'file',
        name: 'file',
        filename: 'big.bin',
        type: 'application/octet-stream',
        content: Buffer.alloc(5000, 1),
      },
    ]);
    const tooLarge = await app.inject({ method: 'POST', url: '/v1/documents', ...big });
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json<{ code: string; detail: string }>()).toMatchObject({ code: 'DOCUMENT_FILE_TOO_LARGE' });
    expect(tooLarge.json<{ detail: string }>().detail).toContain('big.bin');
    const empty = multipartBody([
      { kind: 'file', name: 'file', filename: 'empty.txt', type: 'text/plain', content: Buffer.alloc(0) },
    ]);
    const emptyResponse = await app.inject({ method: 'POST', url: '/v1/documents', ...empty });
    expect(emptyResponse.statusCode).toBe(422);
    expect(emptyResponse.json<{ code: string }>().code).toBe('DOCUMENT_EMPTY_FILE');
    const files = await app.inject({ method: 'GET', url: '/v1/documents?limit=200' });
    expect(
      files.json<{ items: DocumentView[] }>().items.every((doc) => doc.source.size > 0 && doc.source.size <= 4096),
    ).toBe(true);
  });

  it.each([
    ['no records', {}, '/body/records'],
    ['too many records', { records: Array.from({ length: 1001 }, (_, i) => ({ text: `t${i}` })) }, '/body/records'],
    ['an empty text', { records: [{ text: '' }] }, '/body/records/0/text'],
    ['a nested metadata value', { records: [{ text: 'x', metadata: { a: { b: 1 } } }] }, '/body/records/0/metadata/a'],
    ['a task with a dot', { records: [{ text: 'x', labels: { 'a.b': 'y' } }] }, '/body/records/0/labels/a.b'],
  ])('rejects a batch with %s (400 naming the field)', async (_name, body, pointer) => {
    const response = await post('/v1/documents', body);
    expect(response.statusCode).toBe(400);
    expect(response.json<{ errors: { pointer: string }[] }>().errors.map((e) => e.pointer)).toContain(pointer);
  });

  it('rejects bad multipart fields and a body without files', async () => {
    const badJson = multipartBody([
      { kind: 'field', name: 'metadata', value: '{not json' },
      { kind: 'file', name: 'file', filename: 'a.txt', type: 'text/plain', content: Buffer.from('a') },
    ]);
    const response = await app.inject({ method: 'POST', url: '/v1/documents', ...badJson });
    expect(response.statusCode).toBe(400);
    expect(response.json<{ errors: { pointer: string }[] }>().errors[0]?.pointer).toBe('/body/metadata');
    const noFiles = multipartBody([{ kind: 'field', name: 'labels', value: '{}' }]);
    expect((await app.inject({ method: 'POST', url: '/v1/documents', ...noFiles })).statusCode).toBe(400);
    const fieldLast = multipartBody([
      { kind: 'file', name: 'file', filename: 'a.txt', type: 'text/plain', content: Buffer.from('a') },
      { kind: 'field', name: 'metadata', value: '{}' },
    ]);
    const late = await app.inject({ method: 'POST', url: '/v1/documents', ...fieldLast });
    expect(late.statusCode).toBe(400);
    expect(late.json()).toMatchObject({
      code: 'DOCUMENT_FIELD_AFTER_FILE',
      title: 'A field after a file in the upload',
      errors: [{ pointer: '/body/metadata' }],
    });
  });

  it('labels one document or many, with who and when, and lists by task and label with a cursor', async () => {
    const items = (
      await post('/v1/documents', {
        records: Array.from({ length: 5 }, (_, i) => ({ text: `label me ${i} ${randomUUID()}` })),
      })
    ).json<{ items: Receipt[] }>().items;
    const ids = items.map((item) => item.id);
    const single = await app.inject({
      method: 'PUT',
      url: `/v1/documents/${ids[0] ?? ''}/labels/topic`,
      payload: { label: 'sport' },
      headers: { authorization: bearer('bob') },
    });
    expect(single.statusCode).toBe(200);
    expect(single.json<DocumentView>().labels.topic).toMatchObject({ label: 'sport', by: 'bob' });
    const missing = randomUUID();
    const forged = await post('/v1/labels', {
      task: 'topic',
      by: 'mallory',
      items: [{ documentId: missing, label: 'x' }],
    });
    expect(forged.statusCode).toBe(400);
    const bulk = await post(
      '/v1/labels',
      {
        task: 'topic',
        items: [
          ...ids.slice(1).map((documentId) => ({ documentId, label: 'news' })),
          { documentId: missing, label: 'news' },
        ],
      },
      { authorization: bearer('carol') },
    );
    expect(bulk.json()).toEqual({ updated: 4, missing: [missing] });
    expect((await getDocument(ids[1] ?? '')).labels.topic).toMatchObject({ label: 'news', by: 'carol' });
    const page1 = (
      await app.inject({ method: 'GET', url: '/v1/documents?task=topic&label=news&limit=3&order=oldest' })
    ).json<{ items: DocumentView[]; nextCursor?: string }>();
    expect(page1.items).toHaveLength(3);
    const page2 = (
      await app.inject({
        method: 'GET',
        url: `/v1/documents?task=topic&label=news&limit=3&order=oldest&cursor=${page1.nextCursor ?? ''}`,
      })
    ).json<{ items: DocumentView[]; nextCursor?: string }>();
    expect(page2.items).toHaveLength(1);
    expect(page2.nextCursor).toBeUndefined();
    expect([...page1.items, ...page2.items].map((doc) => doc.id).sort()).toEqual(ids.slice(1).sort());
    expect(
      (await app.inject({ method: 'PUT', url: `/v1/documents/${missing}/labels/topic`, payload: { label: 'x' } }))
        .statusCode,
    ).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/v1/documents?label=news' })).statusCode).toBe(400);
  });

  it('imports JSONL and CSV line by line, keeping valid lines and reporting invalid ones by number', async () => {
    const tag = randomUUID();
    const jsonl = [
      JSON.stringify({ text: `first ${tag}`, labels: { spam: 'spam' } }),
      '{broken',
      '',
      JSON.stringify({ text: '' }),
      JSON.stringify({ text: `second ${tag}`, metadata: { n: 2 } }),
      JSON.stringify({ text: `first ${tag}`, labels: { spam: 'spam' } }),
    ].join('\n');
    const jsonlBody = multipartBody([
      { kind: 'file', name: 'file', filename: 'data.jsonl', type: 'application/x-ndjson', content: Buffer.from(jsonl) },
    ]);
    const jsonlResult = (await app.inject({ method: 'POST', url: '/v1/imports', ...jsonlBody })).json<{
      imported: number;
      duplicates: number;
      invalid: { line: number }[];
      lines: number;
    }>();
    expect(jsonlResult).toMatchObject({ imported: 2, duplicates: 1, lines: 6 });
    expect(jsonlResult.invalid.map((entry) => entry.line)).toEqual([2, 4]);

    const csv = `text,label_spam,origin\n"third, with comma ${tag}",ham,csv\n,spam,csv\n"fourth ${tag}",,csv\n`;
    const csvBody = multipartBody([
      { kind: 'file', name: 'file', filename: 'data.csv', type: 'text/csv', content: Buffer.from(csv) },
    ]);
    const csvResult = (await app.inject({ method: 'POST', url: '/v1/imports', ...csvBody })).json<{
      imported: number;
      invalid: { line: number }[];
    }>();
    expect(csvResult.imported).toBe(2);
    expect(csvResult.invalid.map((entry) => entry.line)).toEqual([3]);

    const unknown = multipartBody([
      { kind: 'file', name: 'file', filename: 'data.xml', type: 'application/xml', content: Buffer.from('<a/>') },
    ]);
    expect((await app.inject({ method: 'POST', url: '/v1/imports', ...unknown })).statusCode).toBe(415);
    expect((await post('/v1/imports', { text: 'x' })).statusCode).toBe(415);
  });

  it('fails a document whose processing cannot succeed, and lets it be retried', async () => {
    const [receipt] = (await post('/v1/documents', { records: [{ text: `retry me ${randomUUID()}` }] })).json<{
      items: Receipt[];
    }>().items;
    const id = receipt?.id ?? '';
    const failed = await waitFor(async () => {
      const doc = await getDocument(id);
      return doc.status === 'failed' ? doc : undefined;
    }, 20_000);
    expect(failed.error?.code).toBe('DOCUMENT_PROCESSING_EXHAUSTED');
    const retried = await app.inject({ method: 'POST', url: `/v1/documents/${id}:retry` });
    expect(retried.statusCode).toBe(202);
    // Back in processing: the worker may have taken the re-sent message before the route reads the document.
    expect(['received', 'processing']).toContain(retried.json<DocumentView>().status);
    await waitFor(async () => ((await getDocument(id)).status === 'failed' ? true : undefined), 20_000);
    expect((await app.inject({ method: 'POST', url: `/v1/documents/${randomUUID()}:retry` })).statusCode).toBe(404);
    const [fresh] = (await post('/v1/documents', { records: [{ text: `fresh ${randomUUID()}` }] })).json<{
      items: Receipt[];
    }>().items;
    const conflict = await app.inject({ method: 'POST', url: `/v1/documents/${fresh?.id ?? ''}:retry` });
    expect([202, 409]).toContain(conflict.statusCode);
  });
});
