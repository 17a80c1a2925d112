import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { EVENTS_EXCHANGE, type AliasMove, type ModelVersion } from '@mlops/contracts';
import type { HttpApp } from '@mlops/http';
import { createLogger } from '@mlops/logger';
import { Broker } from '@mlops/messaging';
import {
  createTestEnvironment,
  waitFor,
  type TestEnvironment,
  testKeyVerifier,
  withTestKey,
  bearer,
} from '@mlops/testing';
import { connect, type ChannelModel } from 'amqplib';
import { Binary, MongoClient, type Db } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadDlTrainerConfig } from '../src/config.js';
import { tarGz, untar } from './support/tarball.js';
import {
  ARTIFACT_BUCKET,
  findVersionByIdempotencyKey,
  loadRegistryConfig,
  moveAlias,
  openModelRegistry,
  readModelFile,
  registerModelVersion,
  resolveAlias,
  type ModelRegistry,
  type RegisterModelVersionInput,
} from '../src/registry/index.js';

const sha256 = (content: string | Buffer): string => createHash('sha256').update(content).digest('hex');

const manifest = (extra: object = {}): string =>
  JSON.stringify({ labels: ['ham', 'spam'], metrics: { macroF1: 0.91 }, ...extra });

const lineage = {
  datasetName: 'spamassassin',
  datasetVersion: 3,
  datasetContentHash: 'a'.repeat(64),
};

function folderInput(name: string, overrides: Partial<RegisterModelVersionInput> = {}): RegisterModelVersionInput {
  return {
    name,
    files: [
      { path: 'manifest.json', content: Buffer.from(manifest()) },
      { path: 'model.onnx', content: Readable.from([Buffer.from('onnx-bytes-'.repeat(100))]) },
      { path: 'vocab/words.txt', content: Buffer.from('free\nmoney\nnow\n') },
    ],
    lineage,
    labels: ['ham', 'spam'],
    metrics: { macroF1: 0.91, perClass: { 'ham.x': { f1: 0.93 }, spam: { f1: 0.89 } } },
    createdBy: 'trainer',
    ...overrides,
  };
}

describe('model registry over MongoDB (GridFS) and RabbitMQ', () => {
  let environment: TestEnvironment;
  let app: HttpApp;
  let client: MongoClient;
  let db: Db;
  let broker: Broker;
  let registry: ModelRegistry;
  let events: ChannelModel;
  const received: { routingKey: string; messageId: string; body: Record<string, unknown> }[] = [];

  beforeAll(async () => {
    environment = await createTestEnvironment('dl-trainer registry');
    app = withTestKey(
      await buildApp(
        loadDlTrainerConfig({ ...environment.env, SHUTDOWN_TIMEOUT_MS: '500', REGISTRY_EVENT_SWEEP_MS: '200' }),
        { keyVerifier: testKeyVerifier },
      ),
    );
    client = await MongoClient.connect(environment.mongoUrl);
    db = client.db(environment.dbName);
    const logger = createLogger({ service: 'registry-test', level: 'silent' });
    broker = await Broker.connect({
      url: environment.amqpUrl,
      logger,
      connectionName: 'registry-test',
      topology: { queues: [] },
    });
    registry = await openModelRegistry({ db, broker, logger, config: loadRegistryConfig({}) });
    events = await connect(environment.amqpUrl);
    const channel = await events.createChannel();
    const { queue } = await channel.assertQueue('', { exclusive: true });
    await channel.bindQueue(queue, EVENTS_EXCHANGE, 'model.*');
    await channel.consume(
      queue,
      (message) => {
        if (message)
          received.push({
            routingKey: message.fields.routingKey,
            messageId: String(message.properties.messageId),
            body: JSON.parse(message.content.toString()) as Record<string, unknown>,
          });
      },
      { noAck: true },
    );
  });

  afterAll(async () => {
    await events.close();
    await app.close();
    await broker.close();
    await client.close();
    await environment.dispose();
  });

  const storedFileCount = (model?: string) =>
    db.collection(`${ARTIFACT_BUCKET}.files`).countDocuments(model ? { 'metadata.model': model } : {});

  async function importTarball(name: string, archive: Buffer, headers: Record<string, string> = {}) {
    return app.inject({
      method: 'POST',
      url: `/v1/models/${name}/versions`,
      headers: { 'content-type': 'application/gzip', ...headers },
      payload: archive,
    });
  }

  it('gives concurrent registrations distinct consecutive versions', async () => {
    const versions = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        registerModelVersion(registry, folderInput('concurrent', { metrics: { macroF1: i / 10 } })),
      ),
    );
    expect(versions.map((v) => v.version).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(await storedFileCount('concurrent')).toBe(8 * 3);

    const seen: number[] = [];
    let cursor: string | undefined;
    do {
      const response = await app.inject({
        method: 'GET',
        url: `/v1/models/concurrent/versions?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      });
      expect(response.statusCode).toBe(200);
      const page = response.json<{ items: ModelVersion[]; nextCursor?: string }>();
      seen.push(...page.items.map((item) => item.version));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);

    const model = await app.inject({ method: 'GET', url: '/v1/models/concurrent' });
    expect(model.json()).toMatchObject({ name: 'concurrent', latestVersion: 8, aliases: {} });
  });

  it('stores one version per run id, even when registered again or concurrently', async () => {
    const first = await registerModelVersion(registry, folderInput('idempotent', { runId: 'run-1' }));
    const again = await registerModelVersion(registry, folderInput('idempotent', { runId: 'run-1' }));
    expect(again).toEqual(first);
    expect(first).toMatchObject({ version: 1, runId: 'run-1', lineage: { ...lineage, runId: 'run-1' } });

    const racing = await Promise.all(
      Array.from({ length: 5 }, () => registerModelVersion(registry, folderInput('idempotent', { runId: 'run-2' }))),
    );
    expect(new Set(racing.map((v) => v.version))).toEqual(new Set([2]));
    expect(await findVersionByIdempotencyKey(registry, 'idempotent', 'run-2')).toEqual(racing[0]);
    expect(await findVersionByIdempotencyKey(registry, 'idempotent', 'run-3')).toBeUndefined();
    expect(await storedFileCount('idempotent')).toBe(2 * 3);
  });

  it('describes a version: files with sha256, folder checksum, lineage, labels and metrics', async () => {
    const version = await registerModelVersion(registry, folderInput('described'));
    const response = await app.inject({ method: 'GET', url: '/v1/models/described/versions/1' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual(version);
    expect(version.files.map((file) => file.path)).toEqual(['manifest.json', 'model.onnx', 'vocab/words.txt']);
    expect(version.files[0]).toEqual({
      path: 'manifest.json',
      size: manifest().length,
      sha256: sha256(manifest()),
    });
    const lines = version.files.map((file) => `${file.path}\0${file.sha256}\n`).join('');
    expect(version.folderChecksum).toBe(sha256(lines));
    expect(version.metrics).toEqual({ macroF1: 0.91, perClass: { 'ham.x': { f1: 0.93 }, spam: { f1: 0.89 } } });

    const file = await app.inject({ method: 'GET', url: '/v1/models/described/versions/1/files/vocab/words.txt' });
    expect(file.statusCode).toBe(200);
    expect(file.body).toBe('free\nmoney\nnow\n');
    expect(file.headers.etag).toBe(`"${sha256('free\nmoney\nnow\n')}"`);

    const event = await waitFor(() =>
      received.find((e) => e.routingKey === 'model.registered' && e.body.name === 'described'),
    );
    expect(event).toMatchObject({
      messageId: 'model.registered:described:1',
      body: { name: 'described', version: 1, source: 'training', folderChecksum: version.folderChecksum },
    });
  });

  it('serves files and tarballs as attachments, never an active type inline', async () => {
    const base = folderInput('served');
    await registerModelVersion(registry, {
      ...base,
      files: [
        ...base.files,
        { path: 'notes/readme.html', content: Buffer.from('<script>alert(1)</script>') },
        { path: 'plot.svg', content: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>') },
      ],
    });
    for (const path of ['notes/readme.html', 'plot.svg']) {
      const file = await app.inject({ method: 'GET', url: `/v1/models/served/versions/1/files/${path}` });
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-type']).toBe('application/octet-stream');
      expect(file.headers['content-disposition']).toMatch(/^attachment; filename="(readme\.html|plot\.svg)"$/);
      expect(file.headers['x-content-type-options']).toBe('nosniff');
    }
    const words = await app.inject({ method: 'GET', url: '/v1/models/served/versions/1/files/vocab/words.txt' });
    expect(words.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(words.headers['content-disposition']).toBe('attachment; filename="words.txt"');
    const tarball = await app.inject({ method: 'GET', url: '/v1/models/served/versions/1/artifact.tar.gz' });
    expect(tarball.headers['content-disposition']).toBe('attachment; filename="served-1.tar.gz"');
    expect(tarball.headers['x-content-type-options']).toBe('nosniff');
  });

  it('exports a version as .tar.gz that imports elsewhere with the same folder checksum', async () => {
    const base = folderInput('exported');
    const original = await registerModelVersion(registry, {
      ...base,
      files: [...base.files, { path: 'weights/noise.bin', content: randomBytes(1_500_000) }],
    });
    const download = await app.inject({ method: 'GET', url: '/v1/models/exported/versions/1/artifact.tar.gz' });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/gzip');
    expect(download.headers['x-folder-checksum']).toBe(original.folderChecksum);
    const archive = download.rawPayload;
    const files = await untar(archive);
    expect([...files.keys()]).toEqual(['manifest.json', 'model.onnx', 'vocab/words.txt', 'weights/noise.bin']);
    expect(archive.length).toBeGreaterThan(1_048_576);
    const again = await app.inject({ method: 'GET', url: '/v1/models/exported/versions/1/artifact.tar.gz' });
    expect(again.rawPayload.equals(archive)).toBe(true);

    const imported = await importTarball('exported-copy', archive, { authorization: bearer('ops') });
    expect(imported.statusCode).toBe(201);
    expect(imported.headers.location).toBe('/v1/models/exported-copy/versions/1');
    const copy = imported.json<ModelVersion>();
    expect(copy).toMatchObject({
      name: 'exported-copy',
      version: 1,
      source: 'import',
      createdBy: 'ops',
      folderChecksum: original.folderChecksum,
      files: original.files,
      labels: ['ham', 'spam'],
      metrics: { macroF1: 0.91 },
    });

    const boundary = 'registry-boundary';
    const multipart = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="m.tar.gz"\r\nContent-Type: application/gzip\r\n\r\n`,
      ),
      archive,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const viaMultipart = await app.inject({
      method: 'POST',
      url: '/v1/models/exported-copy/versions',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: multipart,
    });
    expect(viaMultipart.statusCode).toBe(201);
    expect(viaMultipart.json<ModelVersion>()).toMatchObject({ version: 2, folderChecksum: original.folderChecksum });
  });

  it('imports a folder packed from its parent, and replays an upload with the same idempotency key', async () => {
    const archive = await tarGz([
      { name: 'my-model/', type: 'directory' },
      { name: 'my-model/manifest.json', content: manifest({ lineage: { ...lineage, runId: 'r-9', seed: 42 } }) },
      { name: 'my-model/model.onnx', content: 'weights' },
    ]);
    const first = await importTarball('packed', archive, { 'idempotency-key': 'upload-1' });
    expect(first.statusCode).toBe(201);
    expect(first.json<ModelVersion>()).toMatchObject({
      files: [
        { path: 'manifest.json', sha256: sha256(manifest({ lineage: { ...lineage, runId: 'r-9', seed: 42 } })) },
        { path: 'model.onnx', sha256: sha256('weights') },
      ],
      runId: 'r-9',
      lineage: { ...lineage, runId: 'r-9' },
    });
    const replay = await importTarball('packed', archive, { 'idempotency-key': 'upload-1' });
    expect(replay.statusCode).toBe(200);
    expect(replay.json<ModelVersion>().version).toBe(1);
    expect(await storedFileCount('packed')).toBe(2);
  });

  it('refuses a corrupted artifact on read: file, tarball and internal read', async () => {
    const twoChunks = Buffer.from('onnx-bytes-'.repeat(30_000));
    await registerModelVersion(
      registry,
      folderInput('tampered', {
        files: [
          { path: 'manifest.json', content: Buffer.from(manifest()) },
          { path: 'model.onnx', content: twoChunks },
        ],
      }),
    );
    const version = await app.inject({ method: 'GET', url: '/v1/models/tampered/versions/1' });
    expect(version.statusCode).toBe(200);
    const stored = await db
      .collection<{ _id: unknown; metadata: { model: string; path: string } }>(`${ARTIFACT_BUCKET}.files`)
      .findOne({ 'metadata.model': 'tampered', 'metadata.path': 'model.onnx' });
    expect(stored).not.toBeNull();
    const chunks = db.collection<{ _id: unknown; files_id: unknown; n: number; data: Binary }>(
      `${ARTIFACT_BUCKET}.chunks`,
    );
    const chunk = await chunks.findOne({ files_id: stored?._id, n: 1 });
    expect(chunk).not.toBeNull();
    if (!chunk) return;
    const bytes = Buffer.from(chunk.data.buffer);
    bytes[10] = (bytes[10] ?? 0) ^ 0xff;
    await chunks.updateOne({ _id: chunk._id }, { $set: { data: new Binary(bytes) } });

    const file = await app.inject({ method: 'GET', url: '/v1/models/tampered/versions/1/files/model.onnx' });
    expect(file.statusCode).toBe(500);
    expect(file.headers['content-type']).toContain('application/problem+json');
    expect(file.json()).toMatchObject({ code: 'REGISTRY_ARTIFACT_CORRUPTED' });
    expect(file.json<{ detail: string }>().detail).toContain('model.onnx');

    const archive = await app.inject({ method: 'GET', url: '/v1/models/tampered/versions/1/artifact.tar.gz' });
    expect(archive.statusCode).toBe(500);
    expect(archive.json()).toMatchObject({ code: 'REGISTRY_ARTIFACT_CORRUPTED' });

    await expect(readModelFile(registry, 'tampered', 1, 'model.onnx')).rejects.toMatchObject({
      code: 'REGISTRY_ARTIFACT_CORRUPTED',
    });
    expect((await readModelFile(registry, 'tampered', 1, 'manifest.json')).toString()).toBe(manifest());
  });

  it('moves aliases with an audit trail and publishes model.promoted on every move', async () => {
    await registerModelVersion(registry, folderInput('promoted'));
    await registerModelVersion(registry, folderInput('promoted'));
    const put = (alias: string, version: number, reason: string) =>
      app.inject({
        method: 'PUT',
        url: `/v1/models/promoted/aliases/${alias}`,
        headers: { authorization: bearer('alice') },
        payload: { version, reason },
      });

    const first = await put('production', 1, 'first release');
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ sequence: 1, version: 1, previousVersion: null, movedBy: 'alice' });
    expect((await put('production', 2, 'better macro-F1')).json()).toMatchObject({
      sequence: 2,
      version: 2,
      previousVersion: 1,
      reason: 'better macro-F1',
    });
    expect((await put('production', 2, 'retry')).json()).toMatchObject({ sequence: 2, reason: 'better macro-F1' });
    expect((await put('production', 1, 'rollback: drift')).json()).toMatchObject({ sequence: 3, previousVersion: 2 });
    expect((await put('shadow', 2, 'compare live')).statusCode).toBe(200);

    const history = await app.inject({ method: 'GET', url: '/v1/models/promoted/aliases/production/history' });
    expect(history.json<{ items: AliasMove[] }>().items.map((m) => [m.sequence, m.previousVersion, m.version])).toEqual(
      [
        [3, 2, 1],
        [2, 1, 2],
        [1, null, 1],
      ],
    );
    const aliases = await app.inject({ method: 'GET', url: '/v1/models/promoted/aliases' });
    expect(aliases.json<{ items: AliasMove[] }>().items.map((m) => [m.alias, m.version])).toEqual([
      ['production', 1],
      ['shadow', 2],
    ]);
    const resolved = await app.inject({ method: 'GET', url: '/v1/models/promoted/aliases/production' });
    expect(resolved.json()).toMatchObject({ alias: 'production', version: 1, modelVersion: { version: 1 } });
    const listed = await app.inject({ method: 'GET', url: '/v1/models?limit=200' });
    expect(listed.json<{ items: unknown[] }>().items).toContainEqual(
      expect.objectContaining({ name: 'promoted', latestVersion: 2, aliases: { production: 1, shadow: 2 } }),
    );

    const promoted = await waitFor(() => {
      const found = received.filter((e) => e.routingKey === 'model.promoted' && e.body.name === 'promoted');
      return found.length >= 4 ? found : undefined;
    });
    expect(promoted.map((e) => [e.body.alias, e.body.version, e.body.previousVersion])).toEqual([
      ['production', 1, null],
      ['production', 2, 1],
      ['production', 1, 2],
      ['shadow', 2, null],
    ]);
    expect(promoted[0]).toMatchObject({
      messageId: 'model.promoted:promoted:production:1',
      body: { movedBy: 'alice', reason: 'first release', sequence: 1 },
    });
  });

  it('removes an alias with an audited move to no version and model.promoted with version null', async () => {
    await registerModelVersion(registry, folderInput('removed'));
    await registerModelVersion(registry, folderInput('removed'));
    const put = await app.inject({
      method: 'PUT',
      url: '/v1/models/removed/aliases/canary',
      payload: { version: 2, reason: 'try v2 on 10%' },
    });
    expect(put.statusCode).toBe(200);
    const remove = (reason = 'canary stopped') =>
      app.inject({
        method: 'DELETE',
        url: `/v1/models/removed/aliases/canary?reason=${encodeURIComponent(reason)}`,
        headers: { authorization: bearer('bob') },
      });
    const removed = await remove();
    expect(removed.statusCode).toBe(200);
    expect(removed.json()).toMatchObject({ sequence: 2, version: null, previousVersion: 2, movedBy: 'bob' });
    expect((await remove('again')).json()).toMatchObject({ sequence: 2, reason: 'canary stopped' });

    const resolved = await app.inject({ method: 'GET', url: '/v1/models/removed/aliases/canary' });
    expect(resolved.statusCode).toBe(404);
    expect(resolved.json()).toMatchObject({ code: 'REGISTRY_ALIAS_NOT_FOUND' });
    expect(resolved.json<{ detail: string }>().detail).toContain('removed');
    const listed = await app.inject({ method: 'GET', url: '/v1/models/removed/aliases' });
    expect(listed.json<{ items: AliasMove[] }>().items).toEqual([]);
    const history = await app.inject({ method: 'GET', url: '/v1/models/removed/aliases/canary/history' });
    expect(history.json<{ items: AliasMove[] }>().items.map((m) => [m.sequence, m.version])).toEqual([
      [2, null],
      [1, 2],
    ]);
    const events = await waitFor(() => {
      const found = received.filter((e) => e.routingKey === 'model.promoted' && e.body.name === 'removed');
      return found.length >= 2 ? found : undefined;
    });
    expect(events.map((e) => [e.body.alias, e.body.version, e.body.previousVersion])).toEqual([
      ['canary', 2, null],
      ['canary', null, 2],
    ]);

    const again = await app.inject({
      method: 'PUT',
      url: '/v1/models/removed/aliases/canary',
      payload: { version: 1, reason: 'try v1' },
    });
    expect(again.json()).toMatchObject({ sequence: 3, version: 1, previousVersion: null });
    const missing = await app.inject({ method: 'DELETE', url: '/v1/models/removed/aliases/nope?reason=x' });
    expect(missing.statusCode).toBe(404);
    const noReason = await app.inject({ method: 'DELETE', url: '/v1/models/removed/aliases/canary' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json()).toMatchObject({ errors: [{ pointer: '/querystring/reason' }] });
  });

  it('lets the trainer promote and resolve through the service-internal API', async () => {
    await registerModelVersion(registry, folderInput('auto'));
    const { move, moved } = await moveAlias(registry, {
      name: 'auto',
      alias: 'candidate',
      version: 1,
      reason: 'macro-F1 0.91 > none',
      movedBy: 'dl-trainer',
    });
    expect(moved).toBe(true);
    expect(move).toMatchObject({ sequence: 1, version: 1, previousVersion: null, movedBy: 'dl-trainer' });
    expect(await moveAlias(registry, { ...move, version: 1, movedBy: 'dl-trainer' })).toMatchObject({ moved: false });
    expect(await resolveAlias(registry, 'auto', 'candidate')).toMatchObject({
      version: 1,
      modelVersion: { name: 'auto' },
    });
    await expect(resolveAlias(registry, 'auto', 'production')).rejects.toMatchObject({
      code: 'REGISTRY_ALIAS_NOT_FOUND',
    });
  });

  it('orders concurrent moves of one alias into a gapless audit chain', async () => {
    for (let i = 0; i < 3; i += 1) await registerModelVersion(registry, folderInput('contended'));
    const responses = await Promise.all(
      [1, 2, 3, 1, 2, 3].map((version, i) =>
        app.inject({
          method: 'PUT',
          url: '/v1/models/contended/aliases/staging',
          payload: { version, reason: `mover ${i}` },
        }),
      ),
    );
    expect(responses.every((response) => response.statusCode === 200)).toBe(true);
    const history = await app.inject({ method: 'GET', url: '/v1/models/contended/aliases/staging/history' });
    const moves = history.json<{ items: AliasMove[] }>().items.reverse();
    expect(moves.map((m) => m.sequence)).toEqual(moves.map((_, i) => i + 1));
    moves.forEach((move, i) => {
      expect(move.previousVersion).toBe(i === 0 ? null : moves[i - 1]?.version);
      expect(move.version).not.toBe(move.previousVersion);
    });
  });

  it('resends a model event whose publish was never confirmed', async () => {
    const version = await registerModelVersion(registry, folderInput('unconfirmed'));
    const before = received.filter((e) => e.body.name === 'unconfirmed').length;
    const outbox = db.collection<{ _id: string; kind: string; factId: string; createdAt: Date }>('model_event_outbox');
    await outbox.insertOne({
      _id: 'registered:unconfirmed:1',
      kind: 'registered',
      factId: 'unconfirmed:1',
      createdAt: new Date(0),
    });
    const resent = await waitFor(() => {
      const found = received.filter((e) => e.body.name === 'unconfirmed');
      return found.length > before ? found.at(-1) : undefined;
    });
    expect(resent).toMatchObject({ messageId: 'model.registered:unconfirmed:1' });
    expect(resent.body.folderChecksum).toBe(version.folderChecksum);
    await waitFor(async () =>
      (await outbox.countDocuments({ _id: 'registered:unconfirmed:1' })) === 0 ? true : undefined,
    );
  });

  it('answers 404 problem+json for unknown models, versions, files and aliases', async () => {
    await registerModelVersion(registry, folderInput('known'));
    const cases: [string, string, string][] = [
      ['GET', '/v1/models/unknown', 'REGISTRY_MODEL_NOT_FOUND'],
      ['GET', '/v1/models/unknown/versions', 'REGISTRY_MODEL_NOT_FOUND'],
      ['GET', '/v1/models/unknown/versions/1', 'REGISTRY_MODEL_NOT_FOUND'],
      ['GET', '/v1/models/known/versions/9', 'REGISTRY_VERSION_NOT_FOUND'],
      ['GET', '/v1/models/known/versions/9/artifact.tar.gz', 'REGISTRY_VERSION_NOT_FOUND'],
      ['GET', '/v1/models/known/versions/1/files/nothing.bin', 'REGISTRY_FILE_NOT_FOUND'],
      ['GET', '/v1/models/known/aliases/production', 'REGISTRY_ALIAS_NOT_FOUND'],
      ['GET', '/v1/models/known/aliases/production/history', 'REGISTRY_ALIAS_NOT_FOUND'],
      ['GET', '/v1/models/unknown/aliases', 'REGISTRY_MODEL_NOT_FOUND'],
    ];
    for (const [method, url, code] of cases) {
      const response = await app.inject({ method: method as 'GET', url });
      expect({ url, status: response.statusCode, type: response.headers['content-type'] }).toEqual({
        url,
        status: 404,
        type: 'application/problem+json; charset=utf-8',
      });
      expect(response.json()).toMatchObject({ code });
    }
    const move = await app.inject({
      method: 'PUT',
      url: '/v1/models/known/aliases/production',
      payload: { version: 9, reason: 'no such version' },
    });
    expect(move.statusCode).toBe(404);
    expect(move.json()).toMatchObject({
      code: 'REGISTRY_VERSION_NOT_FOUND',
      errors: [{ pointer: '/body/version', message: 'no such version' }],
    });
    const badPath = await app.inject({ method: 'GET', url: '/v1/models/known/versions/1/files/..%2Fsecret' });
    expect(badPath.statusCode).toBe(400);
    const badAlias = await app.inject({
      method: 'PUT',
      url: '/v1/models/known/aliases/Prod!',
      payload: { version: 1, reason: 'x' },
    });
    expect(badAlias.json()).toMatchObject({ code: 'HTTP_VALIDATION_FAILED', errors: [{ pointer: '/params/alias' }] });
  });

  it('refuses bad archives with a 4xx naming the problem and stores nothing', async () => {
    const filesBefore = await storedFileCount();
    const valid = { name: 'manifest.json', content: manifest() };
    const cases: [string, Buffer, number, string, string?][] = [
      ['not gzip', Buffer.from('plain text, not an archive'), 400, 'REGISTRY_TARBALL_INVALID'],
      ['gzip, not tar', gzipSync(Buffer.alloc(4096, 7)), 400, 'REGISTRY_TARBALL_INVALID'],
      [
        'truncated',
        (await tarGz([valid, { name: 'model.onnx', content: 'x'.repeat(5000) }])).subarray(0, 60),
        400,
        'REGISTRY_TARBALL_INVALID',
      ],
      [
        'escaping path',
        await tarGz([valid, { name: '../evil.sh', content: 'rm -rf' }]),
        400,
        'REGISTRY_UNSAFE_PATH',
        '/body/..~1evil.sh',
      ],
      ['nested escape', await tarGz([valid, { name: 'a/../../evil', content: 'x' }]), 400, 'REGISTRY_UNSAFE_PATH'],
      ['hidden file', await tarGz([valid, { name: '.env', content: 'x' }]), 400, 'REGISTRY_UNSAFE_PATH'],
      [
        'symlink',
        await tarGz([valid, { name: 'link', type: 'symlink', linkname: '/etc/passwd' }]),
        400,
        'REGISTRY_UNSAFE_PATH',
      ],
      ['repeated path', await tarGz([valid, valid]), 400, 'REGISTRY_DUPLICATE_PATH'],
      ['empty', await tarGz([]), 400, 'REGISTRY_EMPTY_FOLDER'],
      [
        'no manifest',
        await tarGz([{ name: 'model.onnx', content: 'x' }]),
        422,
        'REGISTRY_MANIFEST_MISSING',
        '/body/manifest.json',
      ],
      [
        'manifest not JSON',
        await tarGz([{ name: 'manifest.json', content: '{labels:' }]),
        422,
        'REGISTRY_MANIFEST_INVALID',
        '/body/manifest.json',
      ],
      [
        'manifest without labels',
        await tarGz([{ name: 'manifest.json', content: '{"metrics":{}}' }]),
        422,
        'REGISTRY_MANIFEST_INVALID',
        '/body/manifest.json/labels',
      ],
      [
        'libs/ml manifest missing its model section',
        await tarGz([{ name: 'manifest.json', content: '{"formatVersion":1,"labels":["a","b"]}' }]),
        422,
        'REGISTRY_MANIFEST_INVALID',
        '/body/manifest.json/model',
      ],
    ];
    for (const [label, archive, status, code, pointer] of cases) {
      const response = await importTarball('refused', archive);
      expect({ label, status: response.statusCode, code: response.json<{ code: string }>().code }).toEqual({
        label,
        status,
        code,
      });
      if (pointer) expect(response.json<{ errors: { pointer: string }[] }>().errors[0]?.pointer).toBe(pointer);
    }
    const boundary = 'refused-boundary';
    const multipart = (part: string, content: Buffer) =>
      app.inject({
        method: 'POST',
        url: '/v1/models/refused/versions',
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: Buffer.concat([
          Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; ${part}\r\n\r\n`),
          content,
          Buffer.from(`\r\n--${boundary}--\r\n`),
        ]),
      });
    const escaping = await multipart(
      'name="file"; filename="m.tar.gz"',
      await tarGz([
        valid,
        { name: 'x'.repeat(100) + '.bin', content: 'x'.repeat(300_000) },
        { name: '../up', content: 'x' },
      ]),
    );
    expect(escaping.statusCode).toBe(400);
    expect(escaping.json()).toMatchObject({ code: 'REGISTRY_UNSAFE_PATH' });
    const noFile = await multipart('name="note"', Buffer.from('just a field'));
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json()).toMatchObject({ code: 'REGISTRY_TARBALL_INVALID', errors: [{ pointer: '/body/file' }] });

    const json = await app.inject({ method: 'POST', url: '/v1/models/refused/versions', payload: { labels: ['a'] } });
    expect(json.statusCode).toBe(415);
    expect(json.json()).toMatchObject({ code: 'REGISTRY_IMPORT_MEDIA_TYPE' });

    expect((await app.inject({ method: 'GET', url: '/v1/models/refused' })).statusCode).toBe(404);
    expect(await storedFileCount()).toBe(filesBefore);
    expect(await db.collection('model_versions').countDocuments({ name: 'refused' })).toBe(0);
  });

  it('refuses uploads and folders over the configured limits, storing nothing', async () => {
    const small = withTestKey(
      await buildApp(
        loadDlTrainerConfig({
          ...environment.env,
          SHUTDOWN_TIMEOUT_MS: '500',
          REGISTRY_MAX_IMPORT_BYTES: '4096',
          REGISTRY_MAX_FOLDER_BYTES: '100000',
          REGISTRY_MAX_FILES: '3',
        }),
        { keyVerifier: testKeyVerifier },
      ),
    );
    try {
      const filesBefore = await storedFileCount();
      const manifestEntry = { name: 'manifest.json', content: manifest() };
      const random = randomBytes(20_000);
      const bomb = await tarGz([manifestEntry, { name: 'zeros.bin', content: Buffer.alloc(500_000) }]);
      const cases: [string, Buffer][] = [
        ['compressed upload too large', await tarGz([manifestEntry, { name: 'noise.bin', content: random }])],
        ['uncompressed folder too large', bomb],
        ['too many files', await tarGz(['a', 'b', 'c', 'd'].map((name) => ({ name, content: name })))],
      ];
      expect(bomb.length).toBeLessThan(4096);
      for (const [label, archive] of cases) {
        const response = await small.inject({
          method: 'POST',
          url: '/v1/models/oversized/versions',
          headers: { 'content-type': 'application/gzip' },
          payload: archive,
        });
        expect({ label, status: response.statusCode, code: response.json<{ code: string }>().code }).toEqual({
          label,
          status: 413,
          code: 'REGISTRY_IMPORT_TOO_LARGE',
        });
      }
      expect(await storedFileCount()).toBe(filesBefore);
    } finally {
      await small.close();
    }
  });

  it('refuses unsafe input to registerModelVersion without storing anything', async () => {
    const filesBefore = await storedFileCount();
    await expect(
      registerModelVersion(registry, folderInput('unsafe', { files: [{ path: '../x', content: Buffer.from('x') }] })),
    ).rejects.toMatchObject({ code: 'REGISTRY_UNSAFE_PATH' });
    await expect(
      registerModelVersion(registry, folderInput('unsafe', { metrics: { f1: 'high' } as never })),
    ).rejects.toMatchObject({ code: 'REGISTRY_VERSION_INVALID' });
    expect(await storedFileCount()).toBe(filesBefore);
  });
});
