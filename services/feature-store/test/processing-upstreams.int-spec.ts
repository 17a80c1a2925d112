import { randomUUID } from 'node:crypto';
import type { HttpApp } from '@mlops/http';
import { createTestEnvironment, waitFor, type TestEnvironment, testKeyVerifier, withTestKey } from '@mlops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadFeatureStoreConfig } from '../src/config.js';
import { multipartBody } from './multipart-body.js';
import { english, extracted, problem, UpstreamStandIn, type StandInCall } from './upstream-stand-ins.js';

interface DocumentView {
  id: string;
  status: string;
  attempts: number;
  language?: string;
  error?: { code: string; message: string };
}

const sameBody = (call: StandInCall, previous: readonly StandInCall[]) =>
  previous.filter((earlier) => earlier.path.split('?')[0] === call.path.split('?')[0] && earlier.body === call.body)
    .length;

const recognition = new UpstreamStandIn((call, previous) => {
  if (call.body.startsWith('corrupt')) return problem(422, 'RECOGNITION_CORRUPT', 'the file is corrupt');
  if (call.body.startsWith('slow') && sameBody(call, previous) === 0)
    return problem(422, 'RECOGNITION_TIMEOUT', 'extraction took too long');
  if (call.body.startsWith('converter') && sameBody(call, previous) === 0)
    return problem(502, 'RECOGNITION_CONVERTER_FAILED', 'the converter failed');
  return extracted(call.body);
});

const nlp = new UpstreamStandIn((call, previous) => {
  const { texts } = JSON.parse(call.body) as { texts: string[] };
  const text = texts[0] ?? '';
  if (text.startsWith('garbled')) return { status: 200, body: { items: 'not a list' } };
  if (text.startsWith('refused')) return problem(400, 'NLP_VALIDATION_FAILED', 'texts/0 is not acceptable');
  if (text.startsWith('flaky') && sameBody(call, previous) < 2) return problem(503, 'NLP_BUSY', 'try later');
  return english(texts.length);
});

describe('feature-store processing through document-recognition and nlp', () => {
  let environment: TestEnvironment;
  let app: HttpApp;

  beforeAll(async () => {
    environment = await createTestEnvironment('feature-store processing');
    app = withTestKey(
      await buildApp(
        loadFeatureStoreConfig({
          ...environment.env,
          RECOGNITION_URL: await recognition.start(),
          NLP_URL: await nlp.start(),
          PROCESSING_MAX_ATTEMPTS: '3',
        }),
        { keyVerifier: testKeyVerifier },
      ),
    );
  });

  afterAll(async () => {
    await app.close();
    await Promise.all([recognition.stop(), nlp.stop()]);
    await environment.dispose();
  });

  const settled = (id: string) =>
    waitFor(async () => {
      const doc = (await app.inject({ method: 'GET', url: `/v1/documents/${id}` })).json<DocumentView>();
      return doc.status === 'ready' || doc.status === 'failed' ? doc : undefined;
    }, 20_000);

  const uploadFile = async (text: string, filename: string) => {
    const body = multipartBody([
      { kind: 'file', name: 'file', filename, type: 'text/plain', content: Buffer.from(text) },
    ]);
    const response = await app.inject({ method: 'POST', url: '/v1/documents', ...body });
    return settled(response.json<{ items: { id: string }[] }>().items[0]?.id ?? '');
  };

  const uploadText = async (text: string) => {
    const response = await app.inject({ method: 'POST', url: '/v1/documents', payload: { records: [{ text }] } });
    return settled(response.json<{ items: { id: string }[] }>().items[0]?.id ?? '');
  };

  it('streams a file raw to document-recognition with its name, then has nlp detect the language', async () => {
    const text = `plain ${randomUUID()}`;
    const doc = await uploadFile(text, 'notes one.txt');
    expect(doc).toMatchObject({ status: 'ready', attempts: 1, language: 'en' });
    const call = recognition.calls.find((candidate) => candidate.body === text);
    expect(call?.path).toBe('/v1/extract?filename=notes+one.txt');
    expect(call?.requestId).toBeTruthy();
    expect(nlp.calls.some((candidate) => candidate.body === JSON.stringify({ texts: [text] }))).toBe(true);
  });

  it('fails a file document-recognition refuses at once, with its code', async () => {
    const doc = await uploadFile(`corrupt ${randomUUID()}`, 'bad.txt');
    expect(doc).toMatchObject({ status: 'failed', attempts: 1 });
    expect(doc.error?.code).toBe('RECOGNITION_CORRUPT');
    expect(doc.error?.message).toBe('document-recognition answered 422: the file is corrupt');
  });

  it.each([
    ['an extraction timeout', 'slow'],
    ['a converter failure (502)', 'converter'],
  ])('retries the document after %s, reopening the stored file', async (_name, prefix) => {
    const text = `${prefix} ${randomUUID()}`;
    const doc = await uploadFile(text, `${prefix}.txt`);
    expect(doc).toMatchObject({ status: 'ready', attempts: 2 });
    expect(recognition.calls.filter((call) => call.body === text)).toHaveLength(2);
  });

  it('retries nlp within one attempt on transient failures', async () => {
    const doc = await uploadText(`flaky ${randomUUID()}`);
    expect(doc).toMatchObject({ status: 'ready', attempts: 1, language: 'en' });
  });

  it('fails a document at once when nlp refuses its text or answers an unexpected body', async () => {
    const refused = await uploadText(`refused ${randomUUID()}`);
    expect(refused).toMatchObject({ status: 'failed', attempts: 1 });
    expect(refused.error).toEqual({
      code: 'NLP_VALIDATION_FAILED',
      message: 'nlp answered 400: texts/0 is not acceptable',
    });
    const garbled = await uploadText(`garbled ${randomUUID()}`);
    expect(garbled).toMatchObject({ status: 'failed', attempts: 1 });
    expect(garbled.error?.code).toBe('NLP_UNEXPECTED_ANSWER');
    expect(garbled.error?.message).toMatch(/^nlp answered an unexpected body: /);
  });
});
