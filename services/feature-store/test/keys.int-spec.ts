import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import type { ApiKeySummary, CreatedKey, KeyIdentity } from '@mlops/contracts';
import { remoteVerifier, type HttpApp } from '@mlops/http';
import { createLogger } from '@mlops/logger';
import { createTestEnvironment, waitFor, type TestEnvironment } from '@mlops/testing';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadFeatureStoreConfig } from '../src/config.js';

/** A bootstrap key made for this suite only (never a default: it exists nowhere but here). */
const BOOTSTRAP = `mlk_bootstrap0test_${Buffer.alloc(32, 7).toString('base64url')}`;

describe('feature-store API keys (the real store: MongoDB, scrypt)', () => {
  let environment: TestEnvironment;
  let app: HttpApp;
  let mongo: MongoClient;
  let baseUrl: string;
  const logLines: string[] = [];

  beforeAll(async () => {
    environment = await createTestEnvironment('feature-store keys');
    const logger = createLogger({
      service: 'feature-store',
      level: 'info',
      destination: new Writable({
        write(chunk: Buffer, _encoding, callback) {
          logLines.push(chunk.toString());
          callback();
        },
      }),
    });
    app = await buildApp(
      loadFeatureStoreConfig({ ...environment.env, API_KEY: undefined, MLOPS_BOOTSTRAP_ADMIN_KEY: BOOTSTRAP }),
      { logger },
    );
    await app.listen({ host: '127.0.0.1', port: 0 });
    baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    mongo = await MongoClient.connect(environment.mongoUrl);
  });

  afterAll(async () => {
    await app.close();
    await mongo.close();
    await environment.dispose();
  });

  const as = (key: string) => ({ authorization: `Bearer ${key}` });
  const create = async (body: object, key = BOOTSTRAP): Promise<CreatedKey> => {
    const response = await app.inject({ method: 'POST', url: '/v1/keys', headers: as(key), payload: body });
    expect(response.statusCode).toBe(201);
    expect(response.headers['cache-control']).toBe('no-store');
    return response.json<CreatedKey>();
  };
  const introspect = (key: string, asker: string) =>
    app.inject({ method: 'POST', url: '/v1/keys/introspect', headers: as(asker), payload: { key } });
  const stored = (prefix: string) =>
    mongo
      .db(environment.dbName)
      .collection('api_keys')
      .findOne({ _id: prefix as never });

  it('stores the bootstrap key hashed for owner bootstrap and never logs it', async () => {
    const [doc] = await mongo.db(environment.dbName).collection('api_keys').find({ owner: 'bootstrap' }).toArray();
    expect(doc).toMatchObject({ _id: 'bootstrap0test', scopes: ['admin'], revokedAt: null });
    expect(JSON.stringify(doc)).not.toContain(BOOTSTRAP.split('_')[2]);
    expect(logLines.join('')).not.toContain(BOOTSTRAP.split('_')[2]);
    expect(logLines.join('')).toContain('bootstrap0test');
  });

  it('creates a key shown once, stores only its scrypt hash, and lists it without secret or hash', async () => {
    const created = await create({ owner: 'alice', scopes: ['read', 'label'], description: 'labelling' });
    expect(created.key).toMatch(/^mlk_[a-z0-9]{8,32}_[A-Za-z0-9_-]{43,}$/);
    expect(created).toMatchObject({ owner: 'alice', scopes: ['read', 'label'], revokedAt: null, lastUsedAt: null });
    const secret = created.key.split('_').slice(2).join('_');
    const doc = await stored(created.prefix);
    expect(doc?.hash).toMatchObject({ algorithm: 'scrypt', N: 16_384, r: 8, p: 1, keyLength: 32 });
    expect(JSON.stringify(doc)).not.toContain(secret);
    const list = await app.inject({ method: 'GET', url: '/v1/keys?owner=alice', headers: as(BOOTSTRAP) });
    const items = list.json<{ items: (ApiKeySummary & Record<string, unknown>)[] }>().items;
    expect(items.map((k) => k.prefix)).toEqual([created.prefix]);
    expect(items[0]).not.toHaveProperty('key');
    expect(items[0]).not.toHaveProperty('hash');
    expect(list.body).not.toContain(secret);
  });

  it('refuses bad bodies with the field named, and non-admins', async () => {
    const bad = await app.inject({
      method: 'POST',
      url: '/v1/keys',
      headers: as(BOOTSTRAP),
      payload: { owner: 'bob', scopes: ['root'], expiresAt: '2000-01-01T00:00:00Z' },
    });
    expect(bad.statusCode).toBe(400);
    const pointers = bad.json<{ errors: { pointer: string }[] }>().errors.map((e) => e.pointer);
    expect(pointers).toEqual(expect.arrayContaining(['/body/scopes/0', '/body/expiresAt']));
    const reader = await create({ owner: 'rita', scopes: ['read'] });
    const denied = await app.inject({ method: 'GET', url: '/v1/keys', headers: as(reader.key) });
    expect(denied.statusCode).toBe(403);
  });

  it('introspects for services holding introspect, records the use at most once a minute', async () => {
    const service = await create({ owner: 'svc-nlp', scopes: ['introspect'] });
    const user = await create({ owner: 'carol', scopes: ['ingest'] });
    const answer = await introspect(user.key, service.key);
    expect(answer.statusCode).toBe(200);
    expect(answer.json<KeyIdentity>()).toEqual({
      owner: 'carol',
      scopes: ['ingest'],
      keyPrefix: user.prefix,
      expiresAt: null,
    });
    const refused = await introspect(`mlk_${user.prefix}_${'A'.repeat(43)}`, service.key);
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toMatchObject({ code: 'KEYS_KEY_REFUSED' });
    expect((await introspect('not a key', service.key)).statusCode).toBe(401);
    expect((await introspect(user.key, user.key)).statusCode).toBe(403);
    const first = await waitFor(async () => (await stored(user.prefix))?.lastUsedAt as Date | undefined, 5000);
    await introspect(user.key, service.key);
    expect((await stored(user.prefix))?.lastUsedAt).toEqual(first);
  });

  it('refuses an expired key and, within the cache TTL, a revoked one', async () => {
    const expiring = await create({
      owner: 'dave',
      scopes: ['read'],
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    const service = await create({ owner: 'svc-x', scopes: ['introspect'] });
    expect((await introspect(expiring.key, service.key)).statusCode).toBe(200);
    await mongo
      .db(environment.dbName)
      .collection('api_keys')
      .updateOne({ _id: expiring.prefix as never }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await introspect(expiring.key, service.key)).statusCode).toBe(401);

    const user = await create({ owner: 'erin', scopes: ['read'] });
    const read = () => app.inject({ method: 'GET', url: '/v1/datasets', headers: as(user.key) });
    expect((await read()).statusCode).toBe(200);
    const revoked = await app.inject({ method: 'DELETE', url: `/v1/keys/${user.prefix}`, headers: as(BOOTSTRAP) });
    expect(revoked.json<ApiKeySummary>().revokedAt).not.toBeNull();
    expect((await introspect(user.key, service.key)).statusCode).toBe(401);
    await waitFor(async () => ((await read()).statusCode === 401 ? true : undefined), 10_000);
    const again = await app.inject({ method: 'DELETE', url: `/v1/keys/${user.prefix}`, headers: as(BOOTSTRAP) });
    expect(again.json<ApiKeySummary>().revokedAt).toBe(revoked.json<ApiKeySummary>().revokedAt);
    const unknown = await app.inject({ method: 'DELETE', url: '/v1/keys/nosuchkey0', headers: as(BOOTSTRAP) });
    expect(unknown.statusCode).toBe(404);
    const listed = await app.inject({
      method: 'GET',
      url: '/v1/keys?includeRevoked=true&owner=erin',
      headers: as(BOOTSTRAP),
    });
    expect(listed.json<{ items: ApiKeySummary[] }>().items).toHaveLength(1);
    const active = await app.inject({ method: 'GET', url: '/v1/keys?owner=erin', headers: as(BOOTSTRAP) });
    expect(active.json<{ items: ApiKeySummary[] }>().items).toHaveLength(0);
  });

  it('ignores the bootstrap variable once an admin key exists', async () => {
    const other = `mlk_bootstrap1test_${Buffer.alloc(32, 9).toString('base64url')}`;
    const second = await buildApp(
      loadFeatureStoreConfig({ ...environment.env, API_KEY: undefined, MLOPS_BOOTSTRAP_ADMIN_KEY: other }),
    );
    try {
      expect(await stored('bootstrap1test')).toBeNull();
    } finally {
      await second.close();
    }
  });

  it('stores the services keys given at deployment with their scopes, once, and refuses an unknown service', async () => {
    const nlpKey = `mlk_svcnlp0test_${Buffer.alloc(32, 3).toString('base64url')}`;
    const reporterKey = `mlk_svcrep0test_${Buffer.alloc(32, 4).toString('base64url')}`;
    const given = { MLOPS_BOOTSTRAP_SERVICE_KEYS: `nlp=${nlpKey}, reporter=${reporterKey}` };
    for (let start = 0; start < 2; start++) {
      const restarted = await buildApp(loadFeatureStoreConfig({ ...environment.env, API_KEY: undefined, ...given }));
      await restarted.close();
    }

    expect((await introspect(nlpKey, BOOTSTRAP)).json<KeyIdentity>()).toMatchObject({
      owner: 'nlp',
      scopes: ['introspect'],
    });
    expect((await introspect(reporterKey, BOOTSTRAP)).json<KeyIdentity>()).toMatchObject({
      owner: 'reporter',
      scopes: ['read', 'train', 'introspect'],
    });
    const listed = await app.inject({ method: 'GET', url: '/v1/keys?owner=nlp', headers: as(BOOTSTRAP) });
    expect(listed.json<{ items: ApiKeySummary[] }>().items).toHaveLength(1);
    await expect(
      buildApp(
        loadFeatureStoreConfig({
          ...environment.env,
          API_KEY: undefined,
          MLOPS_BOOTSTRAP_SERVICE_KEYS: `printer=${nlpKey}`,
        }),
      ),
    ).rejects.toThrow(/MLOPS_BOOTSTRAP_SERVICE_KEYS: "printer" is not a service/);
  });

  it('lets another service check keys remotely with its own key (the remote verifier over loopback)', async () => {
    const service = await create({ owner: 'svc-nlp', scopes: ['introspect'] });
    const user = await create({ owner: 'frank', scopes: ['read'] });
    const verifier = remoteVerifier({ baseUrl, apiKey: service.key });
    expect(await verifier.verify(user.key)).toEqual({ owner: 'frank', keyPrefix: user.prefix, scopes: ['read'] });
    expect(await verifier.verify(`mlk_${user.prefix}_${'B'.repeat(43)}`)).toBeUndefined();
    await expect(remoteVerifier({ baseUrl, apiKey: user.key }).verify(user.key)).rejects.toThrow(
      /lacks the introspect scope/,
    );
    await expect(
      remoteVerifier({ baseUrl: 'http://127.0.0.1:9', apiKey: service.key }).verify(user.key),
    ).rejects.toThrow();
  });
});
