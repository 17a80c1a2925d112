import type { NlpEntitiesResponse, Problem } from '@mlops/contracts';
import type { HttpApp } from '@mlops/http';
import { createTestEnvironment, testKeyVerifier, withTestKey, type TestEnvironment } from '@mlops/testing';
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadNlpConfig } from '../src/config.js';

/** A 1 MB text of words, URLs and numbers: enough work to outlast a deadline of a millisecond. */
const LONG_TEXT = 'See https://x.io/a)) on 05/03/2024 for €1,000 or 12 % more. '.repeat(16_000);

describe('nlp worker threads', () => {
  let environment: TestEnvironment;
  const apps: HttpApp[] = [];

  beforeAll(async () => {
    environment = await createTestEnvironment('nlp workers');
  });

  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
  });

  afterAll(async () => {
    await environment.dispose();
  });

  async function app(settings: Record<string, string>): Promise<HttpApp> {
    const built = withTestKey(
      await buildApp(loadNlpConfig({ ...environment.env, NLP_WORKERS: '1', ...settings }), {
        keyVerifier: testKeyVerifier,
      }),
    );
    apps.push(built);
    return built;
  }

  const entities = (target: HttpApp, texts: string[]) =>
    target.inject({ method: 'POST', url: '/v1/entities', payload: { texts } });

  it('finds entities on a worker and keeps /healthz answering meanwhile', async () => {
    const nlp = await app({});
    const working = entities(nlp, [LONG_TEXT]);
    const health = await nlp.inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(200);
    const response = await working;
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json<NlpEntitiesResponse>();
    expect(body.items[0]?.hits.filter((hit) => hit.tagger === 'url')).toHaveLength(16_000);
  });

  it('stops work past NLP_TIMEOUT_MS with a 422 naming the limit', async () => {
    const nlp = await app({ NLP_TIMEOUT_MS: '1' });
    const response = await entities(nlp, [LONG_TEXT]);
    expect(response.statusCode, response.body).toBe(422);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = response.json<Problem>();
    expect(problem.code).toBe('NLP_TIMEOUT');
    expect(problem.detail).toMatch(/NLP_TIMEOUT_MS/);
  });

  it('answers 503 with Retry-After when every worker and queue place is taken', async () => {
    const nlp = await app({ NLP_QUEUE_LIMIT: '0', NLP_RETRY_AFTER_SECONDS: '3' });
    const [first, second] = await Promise.all([entities(nlp, [LONG_TEXT]), entities(nlp, [LONG_TEXT])]);
    expect(first.statusCode, first.body).toBe(200);
    expect(second.statusCode, second.body).toBe(503);
    expect(second.headers['retry-after']).toBe('3');
    expect(second.json<Problem>()).toMatchObject({ code: 'NLP_BUSY' });
    expect((await entities(nlp, ['mail a@b.io'])).statusCode).toBe(200);
  });
});
