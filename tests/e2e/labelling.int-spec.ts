import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { LabelConflict, LabelQueue } from '@mlops/contracts';
import type { HttpApp } from '@mlops/http';
import {
  bearer,
  createTestEnvironment,
  multipartBody,
  TEST_KEYS,
  testKeyVerifier,
  topicCorpus,
  waitFor,
  withTestKey,
  type TestEnvironment,
} from '@mlops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp as buildFeatureStore } from '../../services/feature-store/src/app.js';
import { loadFeatureStoreConfig } from '../../services/feature-store/src/config.js';
import type { InferenceApp } from '../../services/inference/src/app.js';
import { ServedTopics, SERVED_MODEL } from '../../services/inference/test/support/served-topics.js';
import { trainTopicModel } from '../../services/inference/test/support/train-topic-model.js';
import { buildApp as buildNlp } from '../../services/nlp/src/app.js';
import { loadNlpConfig } from '../../services/nlp/src/config.js';

interface DocumentView {
  id: string;
  status: string;
  labels: Record<string, { label: string; by: string; revision: number }>;
  error?: { code: string; message: string };
}

const baseUrl = (app: HttpApp) => `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
const LABELLER = bearer('lena', ['read', 'label', 'predict']);
const NO_PREDICT = bearer('otto', ['read', 'label']);

describe('labelling: the queue of a task with the taggers and the production model, and label conflicts', () => {
  let environment: TestEnvironment;
  let served: ServedTopics;
  let inference: InferenceApp;
  let nlp: HttpApp;
  let store: HttpApp;
  const task = `topic-${randomUUID().slice(0, 8)}`;
  const texts = topicCorpus(24, 11).map((row, index) => `${row.text} ${index}`);
  const mailText = 'write to alice@example.com about the invoice on https://example.org/pay today';
  const ids: string[] = [];

  const queue = async (query: string, authorization = LABELLER) => {
    const response = await store.inject({
      method: 'GET',
      url: `/v1/tasks/${task}/queue?${query}`,
      headers: { authorization },
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<LabelQueue>();
  };
  const putLabel = (id: string, body: object, authorization = LABELLER) =>
    store.inject({
      method: 'PUT',
      url: `/v1/documents/${id}/labels/${task}`,
      payload: body,
      headers: { authorization },
    });

  beforeAll(async () => {
    environment = await createTestEnvironment('labelling e2e');
    served = await ServedTopics.start(environment, [await trainTopicModel(3)], 1);
    inference = await served.build();
    await inference.app.listen({ host: '127.0.0.1', port: 0 });
    await waitFor(async () => ((await inference.app.inject('/readyz')).statusCode === 200 ? true : undefined), 60_000);
    nlp = withTestKey(await buildNlp(loadNlpConfig(environment.env), { keyVerifier: testKeyVerifier }));
    await nlp.listen({ host: '127.0.0.1', port: 0 });
    store = withTestKey(
      await buildFeatureStore(
        loadFeatureStoreConfig({
          ...environment.env,
          API_KEY: TEST_KEYS.service,
          NLP_URL: baseUrl(nlp),
          INFERENCE_URL: baseUrl(inference.app),
          RECOGNITION_URL: 'http://127.0.0.1:9',
          PROCESSING_MAX_ATTEMPTS: '1',
        }),
        { keyVerifier: testKeyVerifier },
      ),
    );
    const response = await store.inject({
      method: 'POST',
      url: '/v1/documents',
      payload: { records: [{ text: mailText }, ...texts.map((text) => ({ text }))] },
    });
    ids.push(...response.json<{ items: { id: string }[] }>().items.map((item) => item.id));
    await waitFor(async () => {
      const ready = await store.inject(`/v1/documents?status=ready&limit=200`);
      return ready.json<{ items: unknown[] }>().items.length === ids.length ? true : undefined;
    }, 60_000);
  }, 180_000);

  afterAll(async () => {
    await store.close();
    await nlp.close();
    await served.close();
    await environment.dispose();
  });

  it('serves the unlabelled documents oldest first, with the taggers’ hits and pages', async () => {
    const first = await queue('limit=10&model=no-such-model');
    expect(first.order).toBe('oldest');
    expect(first.model).toBeUndefined();
    expect(first.notices.join(' ')).toContain('no-such-model');
    expect(first.hitsAvailable).toBe(true);
    expect(first.items).toHaveLength(10);
    expect(first.progress).toEqual({ labelled: 0, remaining: ids.length, perLabel: [] });
    const all = await queue('limit=50&model=no-such-model');
    const mail = all.items.find((item) => item.id === ids[0]);
    expect(mail?.hits.map((hit) => hit.tagger)).toEqual(expect.arrayContaining(['email', 'url']));
    for (const hit of mail?.hits ?? []) expect(mailText.slice(hit.start, hit.end)).toBe(hit.text);
    const second = await queue(`limit=10&model=no-such-model&cursor=${first.nextCursor ?? ''}`);
    const seen = new Set([...first.items, ...second.items].map((item) => item.id));
    expect(seen.size).toBe(20);
    const bounded = await queue('limit=1&maxChars=100&order=oldest&model=no-such-model');
    expect(bounded.items[0]?.text.length).toBeLessThanOrEqual(100);
  });

  it('suggests labels with the production model and orders by its uncertainty when asked', async () => {
    const byDate = await queue(`limit=5&model=${SERVED_MODEL}`);
    expect(byDate.model).toEqual({ name: SERVED_MODEL, version: 1 });
    expect(byDate.items.every((item) => item.suggestion !== undefined)).toBe(true);
    expect(['finance', 'travel', 'health']).toContain(byDate.items[0]?.suggestion?.label);

    const uncertain = await queue(`limit=8&order=uncertainty&model=${SERVED_MODEL}`);
    expect(uncertain.order).toBe('uncertainty');
    expect(uncertain.nextCursor).toBeUndefined();
    const confidences = uncertain.items.map((item) => item.suggestion?.confidence ?? Number.NaN);
    expect(confidences).toEqual([...confidences].sort((a, b) => a - b));
    const everything = await queue(`limit=50&model=${SERVED_MODEL}`);
    const lowest = Math.min(...everything.items.map((item) => item.suggestion?.confidence ?? 1));
    expect(confidences[0]).toBe(lowest);

    const refused = await queue(`limit=5&order=uncertainty&model=${SERVED_MODEL}`, NO_PREDICT);
    expect(refused.order).toBe('oldest');
    expect(refused.items.every((item) => item.suggestion === undefined)).toBe(true);
    expect(refused.notices.join(' ')).toContain('predict scope');
  });

  it('counts labels per label, drops labelled documents from the queue, and refuses stale writes', async () => {
    const [a, b, c] = ids.slice(1, 4);
    const written = await putLabel(a ?? '', { label: 'finance', expectedRevision: 0 });
    expect(written.statusCode, written.body).toBe(200);
    expect(written.json<DocumentView>().labels[task]).toMatchObject({ label: 'finance', by: 'lena', revision: 1 });

    const stale = await putLabel(a ?? '', { label: 'travel', expectedRevision: 0 }, bearer('bob', ['label']));
    expect(stale.statusCode).toBe(409);
    expect(stale.headers['content-type']).toContain('application/problem+json');
    const problem = stale.json<LabelConflict>();
    expect(problem).toMatchObject({ code: 'LABEL_CONFLICT', current: { label: 'finance', by: 'lena', revision: 1 } });
    expect(problem.detail).toContain('lena');

    const moved = await putLabel(a ?? '', { label: 'health', expectedRevision: 1 }, bearer('bob', ['label']));
    expect(moved.json<DocumentView>().labels[task]).toMatchObject({ label: 'health', by: 'bob', revision: 2 });
    const unconditional = await putLabel(a ?? '', { label: 'travel' });
    expect(unconditional.json<DocumentView>().labels[task]).toMatchObject({ label: 'travel', revision: 3 });
    expect((await putLabel(b ?? '', { label: 'travel', expectedRevision: 4 })).statusCode).toBe(409);
    expect((await putLabel(b ?? '', { label: 'travel' })).statusCode).toBe(200);
    expect((await putLabel(c ?? '', { label: 'finance', expectedRevision: 0 })).statusCode).toBe(200);

    const d = ids[4] ?? '';
    const remove = (query: string) =>
      store.inject({
        method: 'DELETE',
        url: `/v1/documents/${d}/labels/${task}${query}`,
        headers: { authorization: LABELLER },
      });
    expect((await putLabel(d, { label: 'health', expectedRevision: 0 })).statusCode).toBe(200);
    const staleRemoval = await remove('?expectedRevision=2');
    expect(staleRemoval.statusCode).toBe(409);
    expect(staleRemoval.json<LabelConflict>().current).toMatchObject({ label: 'health', revision: 1 });
    const removed = await remove('?expectedRevision=1');
    expect(removed.statusCode).toBe(200);
    expect(removed.json<DocumentView>().labels[task]).toBeUndefined();
    expect((await remove('')).statusCode).toBe(200);
    expect((await remove('?expectedRevision=1')).json<LabelConflict>().current).toBeNull();

    const after = await queue('limit=50&model=no-such-model');
    expect(after.progress).toEqual({
      labelled: 3,
      remaining: ids.length - 3,
      perLabel: [
        { label: 'finance', count: 1 },
        { label: 'travel', count: 2 },
      ],
    });
    expect(after.items.map((item) => item.id)).not.toContain(a);
    const bad = await store.inject({
      method: 'PUT',
      url: `/v1/documents/${a ?? ''}/labels/${task}`,
      payload: { label: 'x', expectedRevision: -1 },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('lists failed documents with their reason and retries one idempotently', async () => {
    const upload = multipartBody([
      {
        field: 'file',
        filename: 'scan.png',
        contentType: 'image/png',
        bytes: Buffer.from(`not really ${randomUUID()}`),
      },
    ]);
    const created = await store.inject({ method: 'POST', url: '/v1/documents', ...upload });
    const id = created.json<{ items: { id: string }[] }>().items[0]?.id ?? '';
    const failed = await waitFor(async () => {
      const list = await store.inject('/v1/documents?status=failed');
      return list.json<{ items: DocumentView[] }>().items.find((doc) => doc.id === id);
    }, 30_000);
    expect(failed.error?.message.length).toBeGreaterThan(0);
    const retried = await store.inject({ method: 'POST', url: `/v1/documents/${id}:retry` });
    expect(retried.statusCode).toBe(202);
    const again = await store.inject({ method: 'POST', url: `/v1/documents/${id}:retry` });
    expect(again.statusCode, 'a second retry of a re-queued or failed-again document').toBe(202);
    const ready = ids[5] ?? '';
    expect((await store.inject({ method: 'POST', url: `/v1/documents/${ready}:retry` })).statusCode).toBe(409);
  });
});
