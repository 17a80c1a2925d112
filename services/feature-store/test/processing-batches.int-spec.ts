import { randomUUID } from 'node:crypto';
import type { HttpApp } from '@mlops/http';
import { createTestEnvironment, waitFor, type TestEnvironment, testKeyVerifier, withTestKey } from '@mlops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadFeatureStoreConfig } from '../src/config.js';
import { english, problem, UpstreamStandIn } from './upstream-stand-ins.js';

interface DocumentView {
  id: string;
  status: string;
  attempts: number;
  language?: string;
  error?: { code: string; message: string };
}

/** nlp refusing any request that holds a text starting with "refused", as a real nlp refuses a whole body. */
const nlp = new UpstreamStandIn((call) => {
  const { texts } = JSON.parse(call.body) as { texts: string[] };
  const refused = texts.findIndex((text) => text.startsWith('refused'));
  if (refused >= 0) return problem(400, 'NLP_VALIDATION_FAILED', `texts/${refused} is not acceptable`);
  return english(texts.length);
});

describe('feature-store processing many documents at once', () => {
  let environment: TestEnvironment;
  let app: HttpApp;

  beforeAll(async () => {
    environment = await createTestEnvironment('feature-store batches');
    app = withTestKey(
      await buildApp(
        loadFeatureStoreConfig({
          ...environment.env,
          RECOGNITION_URL: 'http://127.0.0.1:9',
          NLP_URL: await nlp.start(),
          PROCESSING_MAX_ATTEMPTS: '3',
        }),
        { keyVerifier: testKeyVerifier },
      ),
    );
  });

  afterAll(async () => {
    await app.close();
    await nlp.stop();
    await environment.dispose();
  });

  it('shares nlp requests between documents; a refused text fails its own document only', async () => {
    const records = Array.from({ length: 150 }, (_, index) => ({
      text: index === 77 ? `refused ${randomUUID()}` : `record ${index} ${randomUUID()}`,
      labels: { topic: index % 2 ? 'odd' : 'even' },
    }));
    const upload = await app.inject({ method: 'POST', url: '/v1/documents', payload: { records } });
    const ids = upload.json<{ items: { id: string }[] }>().items.map((item) => item.id);
    const docs = await waitFor(async () => {
      const views = await Promise.all(
        ids.map(async (id) => (await app.inject({ method: 'GET', url: `/v1/documents/${id}` })).json<DocumentView>()),
      );
      return views.every((doc) => doc.status === 'ready' || doc.status === 'failed') ? views : undefined;
    }, 30_000);

    expect(docs.filter((doc) => doc.status === 'failed').map((doc) => doc.id)).toEqual([ids[77]]);
    expect(docs[77]).toMatchObject({ attempts: 1, error: { code: 'NLP_VALIDATION_FAILED' } });
    expect(docs.filter((doc) => doc.status === 'ready' && doc.language === 'en')).toHaveLength(149);
    const sentTexts = nlp.calls.map((call) => (JSON.parse(call.body) as { texts: string[] }).texts.length);
    expect(sentTexts.some((count) => count > 1)).toBe(true);
    expect(nlp.calls.length).toBeLessThan(records.length);
  });
});
