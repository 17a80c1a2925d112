import { Readable } from 'node:stream';
import { createLogger } from '@mlops/logger';
import { createTestEnvironment, waitFor, type TestEnvironment } from '@mlops/testing';
import { ObjectId } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectMongo,
  deleteOrphanFiles,
  openBucket,
  startOrphanFileSweeper,
  uploadStream,
  type MongoStore,
} from '../src/index.js';

const silent = createLogger({ service: 'mongo-test', level: 'silent' });
const HOUR_MS = 3_600_000;

describe('orphan GridFS files (a crash between the file and its record)', () => {
  let environment: TestEnvironment;
  let store: MongoStore;

  beforeAll(async () => {
    environment = await createTestEnvironment('mongo orphans');
    store = await connectMongo({
      url: environment.mongoUrl,
      dbName: environment.dbName,
      appName: 'orphans',
      logger: silent,
    });
  });

  afterAll(async () => {
    await store.close();
    await environment.dispose();
  });

  it('deletes old files no record points at and chunks of uploads that never finished, keeping the rest', async () => {
    const bucket = openBucket(store.db, 'things');
    const put = async (name: string, kind: string) =>
      (await uploadStream(bucket, name, Readable.from([Buffer.from(name)]), { kind })).id;
    const referenced = await put('referenced', 'record');
    const orphans = [await put('orphan-1', 'record'), await put('orphan-2', 'record')];
    const otherKind = await put('cache', 'cache');
    const files = store.db.collection('things.files');
    await files.updateMany({}, { $set: { uploadDate: new Date(Date.now() - 2 * HOUR_MS) } });
    const young = await put('young', 'record');
    const crashedUpload = ObjectId.createFromTime(Math.floor((Date.now() - 2 * HOUR_MS) / 1000));
    await store.db.collection('things.chunks').insertMany([
      { files_id: crashedUpload, n: 0, data: Buffer.from('half') },
      { files_id: crashedUpload, n: 1, data: Buffer.from('written') },
    ]);

    const asked: string[] = [];
    const result = await deleteOrphanFiles({
      db: store.db,
      bucket: 'things',
      olderThan: new Date(Date.now() - HOUR_MS),
      filter: { 'metadata.kind': 'record' },
      pageSize: 2,
      referenced: (ids) => {
        asked.push(...ids.map((id) => id.toHexString()));
        return Promise.resolve(new Set([referenced.toHexString()]));
      },
    });

    expect(result).toEqual({ files: 2, partialUploads: 1 });
    expect(asked.sort()).toEqual([referenced, ...orphans].map((id) => id.toHexString()).sort());
    const left = (await files.find({}, { projection: { _id: 1 } }).toArray()).map((file) => String(file._id));
    expect(left.sort()).toEqual([referenced, otherKind, young].map(String).sort());
    expect(
      await store.db.collection('things.chunks').countDocuments({ files_id: { $in: [...orphans, crashedUpload] } }),
    ).toBe(0);
    expect(await store.db.collection('things.chunks').countDocuments({ files_id: referenced })).toBe(1);
  });

  it('sweeps periodically once started, until stopped', async () => {
    const bucket = openBucket(store.db, 'periodic');
    const id = (await uploadStream(bucket, 'stray', Readable.from([Buffer.from('stray')]))).id;
    const stop = startOrphanFileSweeper({
      db: store.db,
      bucket: 'periodic',
      graceMs: -60_000,
      intervalMs: 20,
      logger: silent,
      referenced: () => Promise.resolve(new Set<string>()),
    });
    try {
      await waitFor(
        async () =>
          (await store.db.collection('periodic.files').countDocuments({ _id: id })) === 0 ? true : undefined,
        10_000,
      );
    } finally {
      stop();
    }
  });
});
