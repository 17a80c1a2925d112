import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { defineCollection, downloadStream, openBucket, uploadStream } from '@mlops/mongo';
import type { Collection, Db, Document, GridFSBucket, GridFSFile, ObjectId } from 'mongodb';
import type { ByteRange } from './byte-range.js';

/** The GridFS bucket of the reporter's files: run reports, their tables, cached comparisons. */
export const REPORT_FILES_BUCKET = 'report_files';

/** The files collection of the bucket, with the index comparisons are looked up by. */
export const reportFilesCollection = defineCollection<GridFSFile>(`${REPORT_FILES_BUCKET}.files`, [
  { key: { 'metadata.key': 1 }, name: 'by_key' },
]);

/** A file stored in the bucket, with the digest it is served under. */
export interface StoredFile {
  readonly id: ObjectId;
  readonly sha256: string;
  readonly size: number;
}

/** What a stored file is: a run report's PDF or tables, or a comparison (found again by `key`). */
export interface FileMetadata {
  readonly kind: 'run-pdf' | 'run-tables' | 'comparison';
  readonly model: string;
  readonly version?: number;
  readonly generation?: number;
  /** The cache key of a comparison. */
  readonly key?: string;
}

function sha256Of(content: Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}

/**
 * The reporter's files in GridFS. A file is written whole before any record points at it (an
 * upload that fails removes what it wrote), so a half-written file is never served.
 */
export class ReportFiles {
  private readonly bucket: GridFSBucket;
  private readonly files: Collection<GridFSFile>;

  constructor(db: Db) {
    this.bucket = openBucket(db, REPORT_FILES_BUCKET);
    this.files = reportFilesCollection.in(db);
  }

  /** Stores bytes under `filename` with their sha256 in the metadata. */
  async store(filename: string, content: Uint8Array, metadata: FileMetadata): Promise<StoredFile> {
    const sha256 = sha256Of(content);
    const stored = await uploadStream(this.bucket, filename, Readable.from([Buffer.from(content)]), {
      ...metadata,
      sha256,
    } satisfies Document);
    return { id: stored.id, sha256, size: stored.length };
  }

  /** The oldest complete comparison stored under `key`, if any. */
  async findByKey(key: string): Promise<StoredFile | undefined> {
    const file = await this.files.findOne({ 'metadata.key': key }, { sort: { uploadDate: 1 } });
    const sha256: unknown = file?.metadata?.sha256;
    if (!file || typeof sha256 !== 'string') return undefined;
    return { id: file._id, sha256, size: file.length };
  }

  /** Whether a file is (still) stored. */
  async exists(id: ObjectId): Promise<boolean> {
    return (await this.files.countDocuments({ _id: id }, { limit: 1 })) > 0;
  }

  /** Streams a file, or the bytes of `range` of it. */
  open(id: ObjectId, range?: ByteRange): Readable {
    if (!range) return downloadStream(this.bucket, id);
    return this.bucket.openDownloadStream(id, { start: range.start, end: range.end + 1 });
  }

  /** Deletes files; those already gone are ignored. */
  async remove(ids: readonly (ObjectId | undefined)[]): Promise<void> {
    for (const id of ids) if (id) await this.bucket.delete(id).catch(() => undefined);
  }
}
