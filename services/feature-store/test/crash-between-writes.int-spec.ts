import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { TextRecord } from '@mlops/contracts';
import { createLogger } from '@mlops/logger';
import type { Broker, MessageContext } from '@mlops/messaging';
import { connectMongo, deleteOrphanFiles, openBucket, type MongoStore } from '@mlops/mongo';
import { createTestEnvironment, type TestEnvironment } from '@mlops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocumentRepository, documentsCollection } from '../src/documents/document.repository.js';
import { ingestTextRecords, textSha256 } from '../src/documents/ingest-records.usecase.js';
import { storeUploadedFile } from '../src/documents/upload-files.usecase.js';
import { LabelRepository, labelsCollection } from '../src/labels/label.repository.js';
import { processDocument, type ProcessingDeps } from '../src/processing/process-document.consumer.js';

/*
 * Writes that span two operations, with a crash injected between them: the process "dies" (the
 * second operation throws and nothing after it runs), then a restarted worker handles the same
 * message again. Afterwards the state is whole and nothing is lost.
 */

const logger = createLogger({ service: 'feature-store-test', level: 'silent' });

function contextOf(attempt = 1): MessageContext {
  return {
    messageId: randomUUID(),
    attempt,
    redelivered: attempt > 1,
    requestId: undefined,
    logger,
    signal: new AbortController().signal,
  };
}

/** A broker that records confirmed events, and fails the first `failures` publishes as a crash would. */
function recordingBroker(failures: number): { broker: Broker; published: { messageId: string | undefined }[] } {
  const published: { messageId: string | undefined }[] = [];
  let left = failures;
  const broker = {
    publishEvent: (_key: string, _schema: unknown, _payload: unknown, options: { messageId?: string } = {}) => {
      if (left > 0) {
        left -= 1;
        return Promise.reject(new Error('crash: the process died before the confirm'));
      }
      published.push({ messageId: options.messageId });
      return Promise.resolve(options.messageId ?? randomUUID());
    },
  } as unknown as Broker;
  return { broker, published };
}

describe('feature-store: a crash between two writes loses nothing', () => {
  let environment: TestEnvironment;
  let mongo: MongoStore;
  let documents: DocumentRepository;
  let labels: LabelRepository;

  beforeAll(async () => {
    environment = await createTestEnvironment('feature-store crash');
    mongo = await connectMongo({
      url: environment.mongoUrl,
      dbName: environment.dbName,
      appName: 'crash-test',
      logger,
      collections: [documentsCollection, labelsCollection],
    });
    documents = new DocumentRepository(mongo.db);
    labels = new LabelRepository(mongo.db);
  });

  afterAll(async () => {
    await mongo.close();
    await environment.dispose();
  });

  const depsWith = (broker: Broker): ProcessingDeps => ({
    broker,
    documents,
    labels,
    bucket: openBucket(mongo.db, 'documents'),
    recognition: {} as ProcessingDeps['recognition'],
    analyzer: { analyze: () => Promise.resolve({ language: 'en', features: {} }) },
    maxAttempts: 3,
  });

  it('document then labels: labels lost by a crash after the document insert are written when the document is processed', async () => {
    const crashingLabels = {
      addForNew: () => Promise.reject(new Error('crash: the process died after storing the documents')),
    } as unknown as LabelRepository;
    const records: TextRecord[] = [
      { text: `crash between writes ${randomUUID()}`, labels: { spam: 'ham', topic: 'work' } },
      { text: `crash between writes ${randomUUID()}`, labels: { spam: 'spam' } },
    ];
    const dispatched: string[] = [];
    await expect(
      ingestTextRecords(
        { documents, labels: crashingLabels, dispatch: (id) => Promise.resolve(void dispatched.push(id)) },
        records,
        'alice',
      ),
    ).rejects.toThrow(/crash/);
    expect(dispatched).toEqual([]);
    const stored = await documentsCollection
      .in(mongo.db)
      .find({ sha256: { $in: records.map((record) => textSha256(record.text)) } })
      .toArray();
    const ids = stored.map((doc) => doc._id);
    expect(ids).toHaveLength(2);
    expect((await labels.of(ids)).size).toBe(0);

    // The stale sweeper dispatches the unprocessed documents; the restarted worker processes them.
    const { broker } = recordingBroker(0);
    for (const id of ids) await processDocument(depsWith(broker), id, contextOf());
    const kept = await labels.of(ids);
    expect([...kept.values()].map((byTask) => Object.keys(byTask).sort())).toEqual(
      expect.arrayContaining([['spam', 'topic'], ['spam']]),
    );
    for (const id of ids) expect((await documents.findById(id))?.pendingLabels).toBeUndefined();
  });

  it('document then labels: a client that sends the same records again after the crash gets them labelled at once', async () => {
    const record = { text: `resent after a crash ${randomUUID()}`, labels: { spam: 'spam' } };
    const crashingLabels = {
      addForNew: () => Promise.reject(new Error('crash')),
    } as unknown as LabelRepository;
    const dispatch = (): Promise<void> => Promise.resolve();
    await expect(ingestTextRecords({ documents, labels: crashingLabels, dispatch }, [record], 'bob')).rejects.toThrow();
    const [receipt] = await ingestTextRecords({ documents, labels, dispatch }, [record], 'bob');
    expect(receipt?.duplicate).toBe(true);
    const id = receipt?.document._id ?? '';
    expect((await labels.of([id])).get(id)?.spam).toMatchObject({ label: 'spam', by: 'bob' });
    expect((await documents.findById(id))?.pendingLabels).toBeUndefined();
  });

  it('GridFS file then document: a file stored by an upload that crashed before its document is swept; kept files stay', async () => {
    const bucket = openBucket(mongo.db, 'documents');
    const crashingDocuments = {
      insertManyOnce: () => Promise.reject(new Error('crash: the process died after storing the file')),
    } as unknown as DocumentRepository;
    const upload = (repository: DocumentRepository, text: string) =>
      storeUploadedFile(
        { documents: repository, labels, bucket, dispatch: () => Promise.resolve(), maxFileBytes: 4096 },
        { filename: 'note.txt', declaredType: 'text/plain', stream: Readable.from([Buffer.from(text)]) },
        { metadata: {}, labels: {}, labelledBy: 'dave' },
      );
    await expect(upload(crashingDocuments, `orphaned ${randomUUID()}`)).rejects.toThrow(/crash/);
    const kept = await upload(documents, `kept ${randomUUID()}`);
    const files = mongo.db.collection('documents.files');
    expect(await files.countDocuments()).toBe(2);

    const swept = await deleteOrphanFiles({
      db: mongo.db,
      bucket: 'documents',
      olderThan: new Date(Date.now() + 60_000),
      referenced: (ids) => documents.referencedFiles(ids.map((id) => id.toHexString())),
    });
    expect(swept).toEqual({ files: 1, partialUploads: 0 });
    const left = await files.find().toArray();
    expect(left.map((file) => String(file._id))).toEqual([kept.document.source.fileId]);
  });

  it('"ready" then the publish: a crash before the confirm is healed by the redelivered message, announcing once', async () => {
    const [receipt] = await ingestTextRecords(
      { documents, labels, dispatch: () => Promise.resolve() },
      [{ text: `ready then publish ${randomUUID()}` }],
      'carol',
    );
    const id = receipt?.document._id ?? '';
    const { broker, published } = recordingBroker(1);
    await expect(processDocument(depsWith(broker), id, contextOf(1))).rejects.toThrow(/crash/);
    const settled = await documents.findById(id);
    expect(settled?.status).toBe('ready');
    expect(settled?.announcedAt).toBeUndefined();

    await processDocument(depsWith(broker), id, contextOf(2));
    expect(published).toEqual([{ messageId: `${id}:ready:1` }]);
    expect((await documents.findById(id))?.announcedAt).toBeInstanceOf(Date);

    await processDocument(depsWith(broker), id, contextOf(3));
    expect(published).toHaveLength(1);
  });
});
