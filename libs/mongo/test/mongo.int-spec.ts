import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { createLogger } from '@mlops/logger';
import { createTestEnvironment, type TestEnvironment } from '@mlops/testing';
import { ObjectId } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectMongo,
  defineCollection,
  downloadStream,
  ensureIndexes,
  insertFiles,
  isDuplicateKeyError,
  openBucket,
  uploadStream,
  type MongoStore,
} from '../src/index.js';

const silent = createLogger({ service: 'mongo-test', level: 'silent' });
const people = defineCollection<{ _id: string; email: string; team: string }>('people', [
  { key: { email: 1 }, name: 'email_unique', unique: true },
  { key: { team: 1, email: 1 }, name: 'by_team' },
]);

describe('MongoDB store', () => {
  let environment: TestEnvironment;
  let store: MongoStore;

  beforeAll(async () => {
    environment = await createTestEnvironment('mongo lib');
    store = await connectMongo({
      url: environment.mongoUrl,
      dbName: environment.dbName,
      appName: 'mongo-test',
      logger: silent,
      collections: [people],
    });
  });

  afterAll(async () => {
    await store.close();
    await environment.dispose();
  });

  it('creates declared indexes at connect time, idempotently, and enforces unique ones', async () => {
    await ensureIndexes(store.db, [people]);
    await ensureIndexes(store.db, [people]);
    const names = (await people.in(store.db).listIndexes().toArray()).map((index: { name?: unknown }) =>
      String(index.name),
    );
    expect(names).toEqual(expect.arrayContaining(['email_unique', 'by_team']));
    await people.in(store.db).insertOne({ _id: 'a', email: 'a@example.org', team: 'x' });
    const duplicate = await people
      .in(store.db)
      .insertOne({ _id: 'b', email: 'a@example.org', team: 'y' })
      .catch((error: unknown) => error);
    expect(isDuplicateKeyError(duplicate)).toBe(true);
    expect(isDuplicateKeyError(new Error('other'))).toBe(false);
  });

  it('answers the readiness ping', async () => {
    await expect(store.ping()).resolves.toBeUndefined();
  });

  it('streams a 3 MB file into GridFS and back, byte for byte', async () => {
    const bucket = openBucket(store.db, 'files');
    const bytes = randomBytes(3 * 1024 * 1024);
    const chunks = Array.from({ length: 48 }, (_, i) => bytes.subarray(i * 65536, (i + 1) * 65536));
    const stored = await uploadStream(bucket, 'blob.bin', Readable.from(chunks), { kind: 'test' });
    expect(stored.length).toBe(bytes.length);
    const back = await buffer(downloadStream(bucket, stored.id));
    expect(back.equals(bytes)).toBe(true);
    const [file] = await bucket.find({ _id: stored.id }).toArray();
    expect(file?.metadata).toEqual({ kind: 'test' });
  });

  it('reads a file chunk by chunk by key; a missing file or chunk fails the stream, naming it', async () => {
    const bucket = openBucket(store.db, 'keyed');
    const bytes = randomBytes(600 * 1024);
    const stored = await uploadStream(bucket, 'three-chunks.bin', Readable.from([bytes]));
    expect((await buffer(downloadStream(bucket, stored.id))).equals(bytes)).toBe(true);
    await expect(buffer(downloadStream(bucket, new ObjectId()))).rejects.toThrow(/FileNotFound/);
    await store.db.collection('keyed.chunks').deleteOne({ files_id: stored.id, n: 1 });
    await expect(buffer(downloadStream(bucket, stored.id))).rejects.toThrow(
      `ChunkIsMissing: file ${stored.id.toHexString()} has no chunk 1`,
    );
  });

  it('stores files held in memory together in the driver layout, read back by either reader, with the chunk index', async () => {
    const bucket = openBucket(store.db, 'held');
    const small = randomBytes(5000);
    const large = randomBytes(600 * 1024);
    const stored = await insertFiles(bucket, [
      { filename: 'small.eml', bytes: small, metadata: { declaredType: 'message/rfc822' } },
      { filename: 'large.bin', bytes: large },
    ]);
    expect(stored.map((file) => file.length)).toEqual([5000, 600 * 1024]);
    const [first, second] = stored;
    if (!first || !second) throw new Error('two files expected');
    expect((await buffer(downloadStream(bucket, first.id))).equals(small)).toBe(true);
    expect((await buffer(downloadStream(bucket, second.id))).equals(large)).toBe(true);
    expect((await buffer(bucket.openDownloadStream(second.id))).equals(large)).toBe(true);
    const [file] = await bucket.find({ _id: first.id }).toArray();
    expect(file).toMatchObject({ filename: 'small.eml', length: 5000, chunkSize: 255 * 1024 });
    expect(file?.metadata).toEqual({ declaredType: 'message/rfc822' });
    expect(await store.db.collection('held.chunks').countDocuments({ files_id: second.id })).toBe(3);
    const indexes = (await store.db.collection('held.chunks').listIndexes().toArray()) as {
      unique?: boolean;
      key: Record<string, number>;
    }[];
    expect(indexes.some((index) => index.unique === true && index.key.files_id === 1 && index.key.n === 1)).toBe(true);
    await expect(
      store.db.collection('held.chunks').insertOne({ files_id: first.id, n: 0, data: Buffer.alloc(1) }),
    ).rejects.toSatisfy(isDuplicateKeyError);
  });

  it('leaves no partial file behind when the source fails mid-stream', async () => {
    const bucket = openBucket(store.db, 'broken');
    async function* failing(): AsyncGenerator<Buffer> {
      yield randomBytes(300 * 1024);
      await new Promise((resolve) => setTimeout(resolve, 10));
      throw new Error('client went away');
    }
    await expect(uploadStream(bucket, 'partial.bin', Readable.from(failing()))).rejects.toThrow('client went away');
    expect(await bucket.find({ filename: 'partial.bin' }).toArray()).toEqual([]);
    expect(await store.db.collection('broken.chunks').countDocuments()).toBe(0);
  });

  it('sets connection, socket and server-selection timeouts (defaults, or as configured)', async () => {
    expect(store.client.options).toMatchObject({
      connectTimeoutMS: 5000,
      socketTimeoutMS: 120_000,
      serverSelectionTimeoutMS: 5000,
    });
    const tuned = await connectMongo({
      url: environment.mongoUrl,
      dbName: environment.dbName,
      appName: 'mongo-test',
      logger: silent,
      connectTimeoutMs: 1234,
      socketTimeoutMs: 5678,
      serverSelectionTimeoutMs: 910,
    });
    expect(tuned.client.options).toMatchObject({
      connectTimeoutMS: 1234,
      socketTimeoutMS: 5678,
      serverSelectionTimeoutMS: 910,
    });
    await tuned.close();
  });

  it('fails fast, naming the server, when MongoDB is unreachable', async () => {
    await expect(
      connectMongo({
        url: 'mongodb://127.0.0.1:1',
        dbName: 'x',
        appName: 't',
        logger: silent,
        serverSelectionTimeoutMs: 300,
      }),
    ).rejects.toThrow(/127\.0\.0\.1:1/);
  });
});
