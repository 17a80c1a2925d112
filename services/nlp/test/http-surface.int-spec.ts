import { nlpRoutes } from '@mlops/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkHttpSurface, createTestEnvironment, type TestEnvironment } from '@mlops/testing';
import { buildApp } from '../src/app.js';
import { loadNlpConfig } from '../src/config.js';

describe('nlp HTTP surface', () => {
  let environment: TestEnvironment;

  beforeAll(async () => {
    environment = await createTestEnvironment('nlp surface');
  });

  afterAll(async () => {
    await environment.dispose();
  });

  it('answers health, readiness, docs, OpenAPI, metrics and problem+json 404', async () => {
    const app = await buildApp(loadNlpConfig(environment.env));
    try {
      expect(await checkHttpSurface(app, nlpRoutes)).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
