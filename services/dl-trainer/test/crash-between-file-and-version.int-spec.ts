import { Readable } from 'node:stream';
import { createLogger } from '@mlops/logger';
import { Broker } from '@mlops/messaging';
import { deleteOrphanFiles } from '@mlops/mongo';
import { createTestEnvironment, type TestEnvironment } from '@mlops/testing';
import { MongoClient, type Db } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ARTIFACT_BUCKET,
  loadRegistryConfig,
  openModelRegistry,
  registerModelVersion,
  type ModelRegistry,
  type RegisterModelVersionInput,
} from '../src/registry/index.js';

/*
 * GridFS file then version record: the registry stores a version's files first and its record
 * last. A process that dies in between leaves files no version points at; the orphan sweep
 * deletes them, and the redelivered job registers its version once.
 */

const logger = createLogger({ service: 'registry-crash-test', level: 'silent' });

function input(name: string): RegisterModelVersionInput {
  return {
    name,
    files: [
      { path: 'manifest.json', content: Buffer.from(JSON.stringify({ labels: ['ham', 'spam'] })) },
      { path: 'model.onnx', content: Readable.from([Buffer.from('onnx-bytes-'.repeat(50))]) },
    ],
    lineage: { datasetName: 'spamassassin', datasetVersion: 1, datasetContentHash: 'a'.repeat(64) },
    labels: ['ham', 'spam'],
    metrics: { macroF1: 0.9 },
    createdBy: 'trainer',
    runId: 'run-crash-1',
  };
}

describe('registry: a crash between the files and the version record', () => {
  let environment: TestEnvironment;
  let client: MongoClient;
  let db: Db;
  let broker: Broker;
  let registry: ModelRegistry;

  beforeAll(async () => {
    environment = await createTestEnvironment('registry crash');
    client = await MongoClient.connect(environment.mongoUrl);
    db = client.db(environment.dbName);
    broker = await Broker.connect({
      url: environment.amqpUrl,
      logger,
      connectionName: 'crash',
      topology: { queues: [] },
    });
    registry = await openModelRegistry({ db, broker, logger, config: loadRegistryConfig({}) });
  });

  afterAll(async () => {
    await broker.close();
    await client.close();
    await environment.dispose();
  });

  it('sweeps the files of the crashed registration, keeps those of the version registered on the retry, once', async () => {
    const crashed = await registry.artifacts.put(
      'model.onnx',
      Readable.from([Buffer.from('half a registration')]),
      { model: 'crashy', uploadId: 'crashed-upload' },
      1_000_000,
    );
    const version = await registerModelVersion(registry, input('crashy'));
    const again = await registerModelVersion(registry, input('crashy'));
    expect(again.version).toBe(version.version);

    const sweep = () =>
      deleteOrphanFiles({
        db,
        bucket: ARTIFACT_BUCKET,
        olderThan: new Date(Date.now() + 60_000),
        referenced: (ids) => registry.versions.referencedFiles(ids),
      });
    expect(await sweep()).toEqual({ files: 1, partialUploads: 0 });
    expect(await sweep()).toEqual({ files: 0, partialUploads: 0 });
    const left = await db.collection(`${ARTIFACT_BUCKET}.files`).find().toArray();
    expect(left.map((file) => String(file._id))).not.toContain(crashed.gridFsId.toHexString());
    expect(left).toHaveLength(2);
    const stored = await registry.versions.find('crashy', version.version);
    for (const file of stored?.files ?? []) await registry.artifacts.verify(file);
  });
});
