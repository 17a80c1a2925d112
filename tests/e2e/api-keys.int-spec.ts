import type { AddressInfo } from 'node:net';
import type { CreatedKey } from '@mlops/contracts';
import type { HttpApp } from '@mlops/http';
import { createTestEnvironment, waitFor, type TestEnvironment } from '@mlops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp as buildFeatureStore } from '../../services/feature-store/src/app.js';
import { loadFeatureStoreConfig } from '../../services/feature-store/src/config.js';
import { buildApp as buildNlp } from '../../services/nlp/src/app.js';
import { loadNlpConfig } from '../../services/nlp/src/config.js';

/** This suite's own bootstrap key (random per run; no key is built into the code). */
const BOOTSTRAP = `mlk_e2ebootstrap_${Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url')}`;

describe('API keys across services: feature-store owns them, nlp asks it with its own key', () => {
  let environment: TestEnvironment;
  let featureStore: HttpApp;
  let nlp: HttpApp;
  let nlpKey: CreatedKey;

  const as = (key: string) => ({ authorization: `Bearer ${key}` });
  const create = async (owner: string, scopes: string[]): Promise<CreatedKey> => {
    const response = await featureStore.inject({
      method: 'POST',
      url: '/v1/keys',
      headers: as(BOOTSTRAP),
      payload: { owner, scopes },
    });
    expect(response.statusCode).toBe(201);
    return response.json<CreatedKey>();
  };

  beforeAll(async () => {
    environment = await createTestEnvironment('api keys e2e');
    featureStore = await buildFeatureStore(
      loadFeatureStoreConfig({ ...environment.env, API_KEY: undefined, MLOPS_BOOTSTRAP_ADMIN_KEY: BOOTSTRAP }),
    );
    await featureStore.listen({ host: '127.0.0.1', port: 0 });
    const featureStoreUrl = `http://127.0.0.1:${(featureStore.server.address() as AddressInfo).port}`;
    nlpKey = await create('nlp', ['introspect']);
    nlp = await buildNlp(
      loadNlpConfig({ LOG_LEVEL: 'silent', NLP_WORKERS: '1', FEATURE_STORE_URL: featureStoreUrl, API_KEY: nlpKey.key }),
    );
  }, 60_000);

  afterAll(async () => {
    await nlp.close();
    await featureStore.close();
    await environment.dispose();
  });

  const taggers = (key?: string) =>
    nlp.inject({ method: 'GET', url: '/v1/taggers', headers: key === undefined ? {} : as(key) });

  it('lets a key with the scope in, refuses one without (403) and none (401)', async () => {
    const reader = await create('alice', ['read']);
    expect((await taggers(reader.key)).statusCode).toBe(200);
    expect((await taggers()).statusCode).toBe(401);
    expect((await taggers((await create('bob', ['label'])).key)).statusCode).toBe(403);
    expect((await taggers((await create('ops', ['admin'])).key)).statusCode).toBe(200);
  });

  it('stops accepting a revoked key within seconds', async () => {
    const reader = await create('carol', ['read']);
    expect((await taggers(reader.key)).statusCode).toBe(200);
    const revoked = await featureStore.inject({
      method: 'DELETE',
      url: `/v1/keys/${reader.prefix}`,
      headers: as(BOOTSTRAP),
    });
    expect(revoked.statusCode).toBe(200);
    await waitFor(async () => ((await taggers(reader.key)).statusCode === 401 ? true : undefined), 10_000);
  });

  it('answers 503 while its own key is refused by the key owner, not a misleading 401', async () => {
    const reader = await create('dave', ['read']);
    await featureStore.inject({ method: 'DELETE', url: `/v1/keys/${nlpKey.prefix}`, headers: as(BOOTSTRAP) });
    await waitFor(async () => ((await taggers(reader.key)).statusCode === 503 ? true : undefined), 10_000);
  });
});
