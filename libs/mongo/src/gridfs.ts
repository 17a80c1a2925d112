import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { GridFSBucket, type ObjectId, type Db, type Document } from 'mongodb';

/** A stored file's id and size. */
export interface StoredFile {
  readonly id: ObjectId;
  readonly length: number;
}

/** Opens a GridFS bucket (chunks of 255 kB, the driver default). */
export function openBucket(db: Db, name: string): GridFSBucket {
  return new GridFSBucket(db, { bucketName: name });
}

/** Streams a file into GridFS without buffering it whole; a failing source leaves no partial file behind. */
export async function uploadStream(
  bucket: GridFSBucket,
  filename: string,
  source: Readable,
  metadata: Document = {},
): Promise<StoredFile> {
  const upload = bucket.openUploadStream(filename, { metadata });
  try {
    await pipeline(source, upload);
  } catch (error) {
    await bucket.delete(upload.id).catch(() => undefined);
    throw error;
  }
  return { id: upload.id, length: upload.length };
}

/** Streams a stored file out of GridFS. */
export function downloadStream(bucket: GridFSBucket, id: ObjectId): Readable {
  return bucket.openDownloadStream(id);
}
