import { nlpRoutes } from '@mlops/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkHttpSurface,
  createTestEnvironment,
  type TestEnvironment,
  testKeyVerifier,
  checkRouteScopes,
} from '@mlops/testing';
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
    const app = await buildApp(loadNlpConfig(environment.env), { keyVerifier: testKeyVerifier });
    try {
      expect(await checkHttpSurface(app, nlpRoutes)).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('answers 401 without a key or with a bad one, 403 without the scope, on every route of its descriptors', async () => {
    const app = await buildApp(loadNlpConfig(environment.env), { keyVerifier: testKeyVerifier });
    try {
      expect(await checkRouteScopes(app, nlpRoutes)).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
