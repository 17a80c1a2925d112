import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { datasetRecordSchema } from '@mlops/contracts';
import type { HttpApp } from '@mlops/http';
import { createTestEnvironment, waitFor, type TestEnvironment, testKeyVerifier, withTestKey } from '@mlops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp as buildRecognition } from '../../services/document-recognition/src/app.js';
import { loadDocumentRecognitionConfig } from '../../services/document-recognition/src/config.js';
import { buildApp as buildFeatureStore } from '../../services/feature-store/src/app.js';
import { loadFeatureStoreConfig } from '../../services/feature-store/src/config.js';
import { multipartBody } from '../../services/feature-store/test/multipart-body.js';
import { readWordnetNounGlosses, sampleByClass, toImportLines } from '../../tools/corpora/wordnet-glosses.js';
import { buildApp as buildNlp } from '../../services/nlp/src/app.js';
import { loadNlpConfig } from '../../services/nlp/src/config.js';

interface Receipt {
  id: string;
  duplicate: boolean;
}
interface DocumentView {
  id: string;
  status: string;
  language?: string;
  textLength?: number;
  error?: { code: string; message: string };
}

const HAM = [
  'Meeting moved to Thursday at ten, please bring the quarterly figures and the draft budget for review.',
  'Thanks for the photos from the weekend, the children loved the lake and we should go again in June.',
  'The build server will be down for maintenance tonight between midnight and two in the morning.',
  'Could you review my pull request before lunch? It only touches the billing module and its tests.',
  'Reminder: the library closes early on Friday, return the books you borrowed before four o clock.',
  'Your order of three notebooks has shipped and should arrive at the office on Monday afternoon.',
];
const SPAM = [
  'WINNER!!! You have been selected to receive a free cruise, click now to claim your exclusive prize today.',
  'Cheap meds without prescription, lowest prices guaranteed, order now and get fifty percent off.',
  'Make money fast working from home, no experience needed, earn thousands every single week.',
  'Your account has been suspended, verify your password immediately at this secure link to avoid closure.',
];

async function listen(app: HttpApp, port = 0): Promise<number> {
  await app.listen({ host: '127.0.0.1', port });
  return (app.server.address() as AddressInfo).port;
}

describe('ingestion end to end: feature-store with real document-recognition and nlp', () => {
  let environment: TestEnvironment;
  let recognition: HttpApp;
  let recognitionPort: number;
  let nlp: HttpApp;
  let store: HttpApp;

  beforeAll(async () => {
    environment = await createTestEnvironment('ingestion e2e');
    recognition = withTestKey(
      await buildRecognition(loadDocumentRecognitionConfig({ LOG_LEVEL: 'silent' }), { keyVerifier: testKeyVerifier }),
    );
    recognitionPort = await listen(recognition);
    nlp = withTestKey(await buildNlp(loadNlpConfig({ LOG_LEVEL: 'silent' }), { keyVerifier: testKeyVerifier }));
    const nlpPort = await listen(nlp);
    store = withTestKey(
      await buildFeatureStore(
        loadFeatureStoreConfig({
          ...environment.env,
          RECOGNITION_URL: `http://127.0.0.1:${recognitionPort}`,
          NLP_URL: `http://127.0.0.1:${nlpPort}`,
          PROCESSING_WORKERS: '4',
        }),
        { keyVerifier: testKeyVerifier },
      ),
    );
  });

  afterAll(async () => {
    await store.close();
    await Promise.all([recognition.close(), nlp.close()]);
    await environment.dispose();
  });

  const documentOf = async (id: string) =>
    (await store.inject({ method: 'GET', url: `/v1/documents/${id}` })).json<DocumentView>();
  const untilSettled = (ids: readonly string[], timeoutMs = 60_000) =>
    waitFor(async () => {
      const docs = await Promise.all(ids.map(documentOf));
      return docs.every((doc) => doc.status === 'ready' || doc.status === 'failed') ? docs : undefined;
    }, timeoutMs);

  it('turns labelled texts and a PDF into ready documents, then a frozen, reproducible dataset version', async () => {
    const tag = randomUUID();
    const records = [
      ...HAM.slice(0, 3).map((text) => ({ text: `${text} ${tag}`, labels: { spam: 'easy_ham' } })),
      ...HAM.slice(3).map((text) => ({ text: `${text} ${tag}`, labels: { spam: 'hard_ham' } })),
      ...SPAM.map((text) => ({ text: `${text} ${tag}`, labels: { spam: 'spam' } })),
      { text: `${SPAM[0] ?? ''} ${tag}`, labels: { spam: 'spam' } },
    ];
    const receipts = (await store.inject({ method: 'POST', url: '/v1/documents', payload: { records } })).json<{
      items: Receipt[];
    }>().items;
    expect(receipts.filter((receipt) => receipt.duplicate)).toHaveLength(1);

    const pdf = readFileSync(new URL('../../fixtures/documents/text.pdf', import.meta.url));
    const upload = multipartBody([
      { kind: 'field', name: 'labels', value: '{"kind":"manual"}' },
      { kind: 'file', name: 'file', filename: 'manual.pdf', type: 'application/pdf', content: pdf },
    ]);
    const [pdfReceipt] = (await store.inject({ method: 'POST', url: '/v1/documents', ...upload })).json<{
      items: Receipt[];
    }>().items;

    const docs = await untilSettled([...new Set(receipts.map((receipt) => receipt.id)), pdfReceipt?.id ?? '']);
    expect(docs.filter((doc) => doc.status !== 'ready')).toEqual([]);
    expect(docs.slice(0, -1).every((doc) => doc.language === 'en')).toBe(true);
    expect(docs.at(-1)?.textLength).toBeGreaterThan(100);

    const definition = {
      name: `spam-${tag.slice(0, 8)}`,
      task: 'spam',
      adapters: [{ kind: 'label_map', map: { easy_ham: 'ham', hard_ham: 'ham' } }],
      filterers: [
        { kind: 'exact_duplicates' },
        { kind: 'min_examples_per_label', min: 2 },
        { kind: 'near_duplicates', threshold: 0.9 },
      ],
    };
    expect((await store.inject({ method: 'POST', url: '/v1/datasets', payload: definition })).statusCode).toBe(201);
    expect((await store.inject({ method: 'POST', url: '/v1/datasets', payload: definition })).statusCode).toBe(409);
    const frozen = await store.inject({ method: 'POST', url: `/v1/datasets/${definition.name}/versions` });
    expect(frozen.statusCode).toBe(201);
    const version = frozen.json<{
      version: number;
      contentHash: string;
      recordCount: number;
      labelDistribution: Record<string, number>;
      steps: { step: string; rowsIn: number; rowsOut: number }[];
    }>();
    expect(version).toMatchObject({ version: 1, recordCount: 10, labelDistribution: { ham: 6, spam: 4 } });
    expect(version.steps.map((step) => step.step)).toEqual([
      'query',
      'adapter:label_map',
      'filterer:exact_duplicates',
      'filterer:min_examples_per_label',
      'filterer:near_duplicates',
    ]);

    const records_ = await store.inject({ method: 'GET', url: `/v1/datasets/${definition.name}/versions/1/records` });
    expect(records_.headers['content-type']).toMatch(/ndjson/);
    const lines = records_.body
      .trim()
      .split('\n')
      .map((line) => datasetRecordSchema.parse(JSON.parse(line)));
    expect(lines).toHaveLength(10);
    expect(lines.every((line) => line.text.includes(tag))).toBe(true);

    const again = (await store.inject({ method: 'POST', url: `/v1/datasets/${definition.name}/versions` })).json<{
      version: number;
      contentHash: string;
    }>();
    expect(again).toMatchObject({ version: 2, contentHash: version.contentHash });
    expect((await store.inject({ method: 'GET', url: `/v1/datasets/${definition.name}/versions/3` })).statusCode).toBe(
      404,
    );
  });

  it('imports a WordNet gloss sample (second corpus) from JSONL and freezes a balanced 26-class version', async () => {
    const sample = sampleByClass(readWordnetNounGlosses(), 2);
    const body = multipartBody([
      {
        kind: 'file',
        name: 'file',
        filename: 'glosses.jsonl',
        type: 'application/x-ndjson',
        content: Buffer.from(toImportLines(sample)),
      },
    ]);
    const imported = await store.inject({ method: 'POST', url: '/v1/imports', ...body });
    expect(imported.json()).toMatchObject({ format: 'jsonl', imported: 52, duplicates: 0, invalid: [] });
    const listed = await store.inject({ method: 'GET', url: '/v1/documents?task=lexname&limit=200' });
    const ids = listed.json<{ items: DocumentView[] }>().items.map((doc) => doc.id);
    expect(ids).toHaveLength(52);
    await untilSettled(ids);
    const name = `wordnet-${randomUUID().slice(0, 8)}`;
    await store.inject({
      method: 'POST',
      url: '/v1/datasets',
      payload: { name, task: 'lexname', filterers: [{ kind: 'min_examples_per_label', min: 2 }] },
    });
    const version = (await store.inject({ method: 'POST', url: `/v1/datasets/${name}/versions` })).json<{
      recordCount: number;
      labelDistribution: Record<string, number>;
    }>();
    expect(version.recordCount).toBe(52);
    expect(Object.values(version.labelDistribution)).toEqual(Array.from({ length: 26 }, () => 2));
  });

  it('loses no document when document-recognition goes down mid-batch: all finish once it is back', async () => {
    await recognition.close();
    const files = Array.from({ length: 3 }, (_, i) => ({
      kind: 'file' as const,
      name: 'file',
      filename: `note-${i}.txt`,
      type: 'text/plain',
      content: Buffer.from(`${HAM[i] ?? ''} outage ${randomUUID()}\n`),
    }));
    const receipts = (await store.inject({ method: 'POST', url: '/v1/documents', ...multipartBody(files) })).json<{
      items: Receipt[];
    }>().items;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(
      (await Promise.all(receipts.map((receipt) => documentOf(receipt.id)))).some((doc) => doc.status === 'ready'),
    ).toBe(false);

    recognition = withTestKey(
      await buildRecognition(loadDocumentRecognitionConfig({ LOG_LEVEL: 'silent' }), { keyVerifier: testKeyVerifier }),
    );
    await listen(recognition, recognitionPort);
    const docs = await untilSettled(
      receipts.map((receipt) => receipt.id),
      90_000,
    );
    expect(docs.map((doc) => doc.status)).toEqual(['ready', 'ready', 'ready']);
  });
});
