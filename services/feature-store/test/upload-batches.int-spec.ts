import { randomUUID } from 'node:crypto';
import type { HttpApp } from '@mlops/http';
import { createTestEnvironment, type TestEnvironment, testKeyVerifier, withTestKey } from '@mlops/testing';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadFeatureStoreConfig } from '../src/config.js';
import { multipartBody, type Part } from './multipart-body.js';

interface Receipt {
  id: string;
  duplicate: boolean;
  filename?: string;
}

const file = (filename: string, content: string): Part => ({
  kind: 'file',
  name: 'file',
  filename,
  type: 'text/plain',
  content: Buffer.from(content),
});

describe('feature-store: uploads stored together, statuses read together', () => {
  let environment: TestEnvironment;
  let app: HttpApp;
  let mongo: MongoClient;

  beforeAll(async () => {
    environment = await createTestEnvironment('feature-store upload batches');
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
    mongo = await MongoClient.connect(environment.mongoUrl);
  });

  afterAll(async () => {
    await mongo.close();
    await app.close();
    await environment.dispose();
  });

  const gridFsFiles = () => mongo.db(environment.dbName).collection('documents.files').countDocuments();

  it('answers one receipt per file in order: repeats within the request and earlier uploads are duplicates; labels kept', async () => {
    const known = `known ${randomUUID()}`;
    const first = await app.inject({ method: 'POST', url: '/v1/documents', ...multipartBody([file('k.txt', known)]) });
    const [knownReceipt] = first.json<{ items: Receipt[] }>().items;
    const twice = `twice ${randomUUID()}`;
    const body = multipartBody([
      { kind: 'field', name: 'labels', value: JSON.stringify({ topic: 'mail' }) },
      file('a.txt', twice),
      file('b.txt', `fresh ${randomUUID()}`),
      file('c.txt', twice),
      file('d.txt', known),
    ]);
    const filesBefore = await gridFsFiles();
    const response = await app.inject({ method: 'POST', url: '/v1/documents', ...body });
    expect(response.statusCode).toBe(201);
    const items = response.json<{ items: Receipt[] }>().items;
    expect(items.map((item) => item.duplicate)).toEqual([false, false, true, true]);
    expect(items[2]?.id).toBe(items[0]?.id);
    expect(items[3]?.id).toBe(knownReceipt?.id);
    expect(await gridFsFiles()).toBe(filesBefore + 2);
    for (const item of items.slice(0, 2)) {
      const doc = (await app.inject({ method: 'GET', url: `/v1/documents/${item.id}` })).json<{
        labels: Record<string, { label: string }>;
      }>();
      expect(doc.labels.topic?.label).toBe('mail');
    }
  });

  it('a file refused part-way stores no document and leaves no file behind', async () => {
    const filesBefore = await gridFsFiles();
    const fine = `stored before the refusal ${randomUUID()}`;
    const body = multipartBody([file('fine.txt', fine), file('empty.txt', '')]);
    const response = await app.inject({ method: 'POST', url: '/v1/documents', ...body });
    expect(response.statusCode).toBe(422);
    expect(response.json<{ code: string }>().code).toBe('DOCUMENT_EMPTY_FILE');
    expect(await gridFsFiles()).toBe(filesBefore);
    const again = await app.inject({
      method: 'POST',
      url: '/v1/documents',
      ...multipartBody([file('fine.txt', fine)]),
    });
    expect(again.json<{ items: Receipt[] }>().items[0]?.duplicate).toBe(false);
  });

  it('answers the status of many documents in one request, in the order asked, unknown ids apart', async () => {
    const upload = await app.inject({
      method: 'POST',
      url: '/v1/documents',
      payload: { records: [{ text: `status one ${randomUUID()}` }, { text: `status two ${randomUUID()}` }] },
    });
    const [first, second] = upload.json<{ items: Receipt[] }>().items.map((item) => item.id);
    const unknown = randomUUID();
    const response = await app.inject({
      method: 'POST',
      url: '/v1/documents/statuses',
      payload: { ids: [second, unknown, first, second] },
    });
    expect(response.statusCode).toBe(200);
    const body = response.json<{ items: { id: string; status: string }[]; missing: string[] }>();
    expect(body.items.map((item) => item.id)).toEqual([second, first]);
    expect(body.items.every((item) => ['received', 'processing', 'ready', 'failed'].includes(item.status))).toBe(true);
    expect(body.missing).toEqual([unknown]);

    const tooMany = await app.inject({
      method: 'POST',
      url: '/v1/documents/statuses',
      payload: { ids: Array.from({ length: 501 }, () => randomUUID()) },
    });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.body).toContain('body/ids');
  });
});
