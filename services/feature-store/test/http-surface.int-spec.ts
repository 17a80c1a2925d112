import { featureStoreRoutes } from '@mlops/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkHttpSurface, createTestEnvironment, type TestEnvironment } from '@mlops/testing';
import { buildApp } from '../src/app.js';
import { loadFeatureStoreConfig } from '../src/config.js';

describe('feature-store HTTP surface', () => {
  let environment: TestEnvironment;

  beforeAll(async () => {
    environment = await createTestEnvironment('feature-store surface');
  });

  afterAll(async () => {
    await environment.dispose();
  });

  it('answers health, readiness, docs, OpenAPI, metrics and problem+json 404', async () => {
    const app = await buildApp(loadFeatureStoreConfig(environment.env));
    try {
      expect(await checkHttpSurface(app, featureStoreRoutes)).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
