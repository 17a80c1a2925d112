import { createLogger } from '@mlops/logger';
import { trainingOptionsSchema, trainSparseBag, type TrainerCheckpoint } from '@mlops/ml';
import { createTestEnvironment, type TestEnvironment } from '@mlops/testing';
import { Binary, MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CheckpointStore } from '../src/training/checkpoint.store.js';

/** A real checkpoint: two epochs of a small linear model. */
async function checkpointAfterEpochs(epochs: number): Promise<TrainerCheckpoint> {
  let last: TrainerCheckpoint | undefined;
  const vectors = Array.from({ length: 40 }, (_, i) => ({
    ids: Int32Array.from([i % 2, 2 + (i % 5)]),
    values: Float32Array.from([0.7, 0.7]),
  }));
  await trainSparseBag({
    model: { kind: 'linear' },
    optimization: trainingOptionsSchema.parse({
      optimization: {
        epochs,
        batchSize: 8,
        optimizer: 'adam',
        learningRate: 0.05,
        schedule: 'constant',
        warmupSteps: 0,
        l2: 0,
        loss: 'softmax',
        classWeights: 'none',
        earlyStopping: null,
      },
    }).optimization,
    featureCount: 8,
    classes: 2,
    seed: 1,
    train: { vectors, targets: Int32Array.from(vectors, (_, i) => i % 2) },
    validation: { vectors: [], targets: new Int32Array(0) },
    onEpoch: (_record, checkpoint) => {
      last = checkpoint;
      return 'continue';
    },
  });
  if (!last) throw new Error('no checkpoint');
  return last;
}

describe('training checkpoints in GridFS', () => {
  let environment: TestEnvironment;
  let client: MongoClient;
  let store: CheckpointStore;

  beforeAll(async () => {
    environment = await createTestEnvironment('dl-trainer checkpoints');
    client = await MongoClient.connect(environment.mongoUrl);
    store = new CheckpointStore(
      client.db(environment.dbName),
      createLogger({ service: 'checkpoint-test', level: 'silent' }),
    );
  });

  afterAll(async () => {
    await client.close();
    await environment.dispose();
  });

  it('keeps only the newest checkpoint of a job and reads it back identical, for the same fingerprint only', async () => {
    const first = await checkpointAfterEpochs(1);
    const second = await checkpointAfterEpochs(2);
    await store.save('job-a', 'fp-1', first);
    await store.save('job-a', 'fp-1', second);
    const files = await client
      .db(environment.dbName)
      .collection('training_checkpoints.files')
      .countDocuments({ filename: 'job-a' });
    expect(files).toBe(1);
    const loaded = await store.latest('job-a', 'fp-1');
    expect(loaded?.epoch).toBe(2);
    expect(Buffer.from(loaded?.weights.embedding.buffer ?? new ArrayBuffer(0))).toEqual(
      Buffer.from(second.weights.embedding.buffer),
    );
    expect(await store.latest('job-a', 'fp-other')).toBeUndefined();
    await store.clear('job-a');
    expect(await store.latest('job-a', 'fp-1')).toBeUndefined();
  });

  it('never loads a checkpoint whose bytes were changed in the database', async () => {
    await store.save('job-b', 'fp-1', await checkpointAfterEpochs(1));
    const db = client.db(environment.dbName);
    const file = await db.collection('training_checkpoints.files').findOne({ filename: 'job-b' });
    const chunks = db.collection<{ _id: unknown; files_id: unknown; n: number; data: Binary }>(
      'training_checkpoints.chunks',
    );
    const chunk = await chunks.findOne({ files_id: file?._id, n: 0 });
    if (!chunk) throw new Error('no chunk stored');
    const bytes = Buffer.from(chunk.data.buffer);
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0xff;
    await chunks.updateOne({ _id: chunk._id }, { $set: { data: new Binary(bytes) } });
    expect(await store.latest('job-b', 'fp-1')).toBeUndefined();
  });
});
