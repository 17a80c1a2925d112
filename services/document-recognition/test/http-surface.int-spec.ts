import { recognitionRoutes } from '@mlops/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkHttpSurface, createTestEnvironment, type TestEnvironment } from '@mlops/testing';
import { buildApp } from '../src/app.js';
import { loadDocumentRecognitionConfig } from '../src/config.js';

describe('document-recognition HTTP surface', () => {
  let environment: TestEnvironment;

  beforeAll(async () => {
    environment = await createTestEnvironment('document-recognition surface');
  });

  afterAll(async () => {
    await environment.dispose();
  });

  it('answers health, readiness, docs, OpenAPI, metrics and problem+json 404', async () => {
    const app = await buildApp(loadDocumentRecognitionConfig(environment.env));
    try {
      expect(await checkHttpSurface(app, recognitionRoutes)).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
