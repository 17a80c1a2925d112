import { createLogger } from '@mlops/logger';
import { connectMongo, deleteOrphanFiles, type MongoStore } from '@mlops/mongo';
import { createTestEnvironment, type TestEnvironment } from '@mlops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_FILES_BUCKET, ReportFiles, reportFilesCollection } from '../src/files/report-files.js';
import { ReportRepository, reportsCollection } from '../src/run-reports/report.repository.js';

/*
 * GridFS file then report record: a render stores the PDF and the tables, then flips the record
 * to ready. A process that dies in between leaves files no record points at (the redelivered
 * message renders new ones); the orphan sweep deletes them and never touches comparisons, which
 * no record points at by design.
 */

const logger = createLogger({ service: 'reporter-crash-test', level: 'silent' });

describe('reporter: a crash between the report files and the record', () => {
  let environment: TestEnvironment;
  let mongo: MongoStore;

  beforeAll(async () => {
    environment = await createTestEnvironment('reporter crash');
    mongo = await connectMongo({
      url: environment.mongoUrl,
      dbName: environment.dbName,
      appName: 'reporter-crash',
      logger,
      collections: [reportsCollection, reportFilesCollection],
    });
  });

  afterAll(async () => {
    await mongo.close();
    await environment.dispose();
  });

  it('sweeps the files of the crashed render, keeps the ready report and the comparisons', async () => {
    const files = new ReportFiles(mongo.db);
    const reports = new ReportRepository(mongo.db);
    const meta = { model: 'spam', version: 1, generation: 1 };
    const crashedPdf = await files.store('spam-v1.pdf', Buffer.from('%PDF crashed'), { ...meta, kind: 'run-pdf' });
    const crashedTables = await files.store('spam-v1.zip', Buffer.from('PK crashed'), { ...meta, kind: 'run-tables' });
    const pdf = await files.store('spam-v1.pdf', Buffer.from('%PDF kept'), { ...meta, kind: 'run-pdf' });
    const tables = await files.store('spam-v1.zip', Buffer.from('PK kept'), { ...meta, kind: 'run-tables' });
    const comparison = await files.store('compare.pdf', Buffer.from('%PDF compare'), {
      kind: 'comparison',
      model: 'spam',
      key: 'k1',
    });
    await reportsCollection
      .in(mongo.db)
      .insertOne({ _id: 'spam@1', pdfFileId: pdf.id, tablesFileId: tables.id } as never);

    const swept = await deleteOrphanFiles({
      db: mongo.db,
      bucket: REPORT_FILES_BUCKET,
      olderThan: new Date(Date.now() + 60_000),
      filter: { 'metadata.kind': { $in: ['run-pdf', 'run-tables'] } },
      referenced: (ids) => reports.referencedFiles(ids),
    });

    expect(swept).toEqual({ files: 2, partialUploads: 0 });
    expect(await files.exists(crashedPdf.id)).toBe(false);
    expect(await files.exists(crashedTables.id)).toBe(false);
    for (const kept of [pdf, tables, comparison]) expect(await files.exists(kept.id)).toBe(true);
  });
});
