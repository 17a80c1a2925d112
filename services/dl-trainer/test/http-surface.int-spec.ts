import { registryRoutes, retrainingRoutes, studyRoutes, trainingJobRoutes } from '@mlops/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkHttpSurface,
  createTestEnvironment,
  type TestEnvironment,
  testKeyVerifier,
  checkRouteScopes,
} from '@mlops/testing';
import { buildApp } from '../src/app.js';
import { loadDlTrainerConfig } from '../src/config.js';

describe('dl-trainer HTTP surface', () => {
  let environment: TestEnvironment;

  beforeAll(async () => {
    environment = await createTestEnvironment('dl-trainer surface');
  });

  afterAll(async () => {
    await environment.dispose();
  });

  it('answers health, readiness, docs, OpenAPI, metrics and problem+json 404', async () => {
    const app = await buildApp(loadDlTrainerConfig(environment.env), { keyVerifier: testKeyVerifier });
    try {
      expect(await checkHttpSurface(app, [registryRoutes, trainingJobRoutes, studyRoutes, retrainingRoutes])).toEqual(
        [],
      );
    } finally {
      await app.close();
    }
  });

  it('answers 401 without a key or with a bad one, 403 without the scope, on every route of its descriptors', async () => {
    const app = await buildApp(loadDlTrainerConfig(environment.env), { keyVerifier: testKeyVerifier });
    try {
      expect(await checkRouteScopes(app, [registryRoutes, trainingJobRoutes, studyRoutes, retrainingRoutes])).toEqual(
        [],
      );
    } finally {
      await app.close();
    }
  });
});
