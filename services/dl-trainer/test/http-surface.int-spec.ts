import { registryRoutes, trainingJobRoutes } from '@mlops/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkHttpSurface, createTestEnvironment, type TestEnvironment } from '@mlops/testing';
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
    const app = await buildApp(loadDlTrainerConfig(environment.env));
    try {
      expect(await checkHttpSurface(app, [registryRoutes, trainingJobRoutes])).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
