import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { datasetRecordSchema, type DatasetRecord } from '@mlops/contracts';
import type { HttpApp } from '@mlops/http';
import { createTestEnvironment, waitFor, type TestEnvironment, testKeyVerifier, withTestKey } from '@mlops/testing';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadFeatureStoreConfig } from '../src/config.js';

const TEXTS: readonly { text: string; label: string }[] = [
  { text: 'the invoice for march is attached, please pay it by friday', label: 'invoice' },
  { text: 'your invoice number 42 is overdue and payment is required now', label: 'invoice' },
  { text: 'bonjour, voici la facture du mois de mars', label: 'invoice' },
  { text: 'meeting notes from tuesday about the product roadmap', label: 'notes' },
  { text: 'notes taken during the quarterly planning session', label: 'notes' },
];

/** Stands in for nlp: French for texts saying bonjour, English otherwise. */
function fakeNlp(): Promise<Server> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const { texts } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { texts: string[] };
      const items = texts.map((text) => {
        const language = text.includes('bonjour') ? 'fr' : 'en';
        return { language, iso6393: language, name: language, confidence: 1, reliable: true, alternatives: [] };
      });
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ detector: { name: 'fake', database: 'none' }, items }));
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('feature-store datasets and versions', () => {
  let environment: TestEnvironment;
  let nlp: Server;
  let app: HttpApp;
  let mongo: MongoClient;

  beforeAll(async () => {
    environment = await createTestEnvironment('feature-store datasets');
    nlp = await fakeNlp();
    app = withTestKey(
      await buildApp(
        loadFeatureStoreConfig({
          ...environment.env,
          RECOGNITION_URL: 'http://127.0.0.1:9',
          NLP_URL: `http://127.0.0.1:${String((nlp.address() as AddressInfo).port)}`,
        }),
        { keyVerifier: testKeyVerifier },
      ),
    );
    mongo = new MongoClient(environment.mongoUrl);
    const created = await app.inject({
      method: 'POST',
      url: '/v1/documents',
      payload: { records: TEXTS.map(({ text, label }) => ({ text, labels: { topic: label } })) },
    });
    const ids = created.json<{ items: { id: string }[] }>().items.map((item) => item.id);
    await waitFor(async () => {
      const statuses = await Promise.all(
        ids.map(
          async (id) =>
            (await app.inject({ method: 'GET', url: `/v1/documents/${id}` })).json<{ status: string }>().status,
        ),
      );
      return statuses.every((status) => status === 'ready') ? true : undefined;
    }, 30_000);
  });

  afterAll(async () => {
    await mongo.close();
    await app.close();
    await new Promise((resolve) => nlp.close(resolve));
    await environment.dispose();
  });

  const define = (payload: object) => app.inject({ method: 'POST', url: '/v1/datasets', payload });
  const records = async (name: string): Promise<DatasetRecord[]> => {
    const response = await app.inject({ method: 'GET', url: `/v1/datasets/${name}/versions/1/records` });
    expect(response.headers['content-type']).toMatch(/ndjson/);
    return response.body
      .trim()
      .split('\n')
      .map((line) => datasetRecordSchema.parse(JSON.parse(line)));
  };
  const languageByText = (lines: readonly DatasetRecord[]) =>
    Object.fromEntries(lines.map((line) => [line.text, line.language]));

  it('records each step of a freeze in order and streams the kept records with their language', async () => {
    expect(
      (
        await define({
          name: 'english',
          task: 'topic',
          adapters: [{ kind: 'label_map', map: { invoice: 'bill' } }],
          filterers: [
            { kind: 'language', allow: ['en'] },
            { kind: 'min_examples_per_label', min: 2 },
          ],
        })
      ).statusCode,
    ).toBe(201);
    const frozen = await app.inject({ method: 'POST', url: '/v1/datasets/english/versions' });
    expect(frozen.statusCode).toBe(201);
    expect(frozen.json()).toMatchObject({
      version: 1,
      recordCount: 4,
      labelDistribution: { bill: 2, notes: 2 },
      steps: [
        { step: 'query', rowsIn: 5, rowsOut: 5, dropped: {} },
        { step: 'adapter:label_map', rowsIn: 5, rowsOut: 5, dropped: {} },
        { step: 'filterer:language', rowsIn: 5, rowsOut: 4, dropped: { other_language: 1 } },
        { step: 'filterer:min_examples_per_label', rowsIn: 4, rowsOut: 4, dropped: {} },
      ],
    });
    const lines = await records('english');
    expect(lines).toHaveLength(4);
    expect(lines.every((line) => line.language === 'en')).toBe(true);
  });

  it('reads the language from the documents for records frozen without it, and omits it when there is none', async () => {
    await define({ name: 'mixed', task: 'topic' });
    expect((await app.inject({ method: 'POST', url: '/v1/datasets/mixed/versions' })).statusCode).toBe(201);
    const frozen = languageByText(await records('mixed'));
    expect(frozen).toEqual(Object.fromEntries(TEXTS.map(({ text }) => [text, text.includes('bonjour') ? 'fr' : 'en'])));

    const stored = mongo.db(environment.dbName).collection('dataset_records');
    await stored.updateMany({}, { $unset: { language: '' } });
    expect(languageByText(await records('mixed'))).toEqual(frozen);

    const [first] = TEXTS;
    await stored.updateMany({ text: first?.text }, { $set: { language: null } });
    const lines = await records('mixed');
    expect(lines.find((line) => line.text === first?.text)).not.toHaveProperty('language');
    expect(lines.filter((line) => line.language !== undefined)).toHaveLength(4);
  });
});
