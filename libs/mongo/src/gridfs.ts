import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setTimeout } from 'node:timers/promises';
import { GridFSBucket, type GridFSBucketWriteStream, type ObjectId, type Db, type Document } from 'mongodb';

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
    await removePartialUpload(bucket, upload);
    throw error;
  }
  return { id: upload.id, length: upload.length };
}

const CLEANUP_ROUNDS = 20;
const CLEANUP_PAUSE_MS = 25;

/**
 * Removes what a failed upload wrote. A chunk insert already sent when the source failed can land
 * after the first delete, so the chunks are deleted until none is left (bounded rounds).
 */
async function removePartialUpload(bucket: GridFSBucket, upload: GridFSBucketWriteStream): Promise<void> {
  for (let round = 0; round < CLEANUP_ROUNDS; round++) {
    await bucket.delete(upload.id).catch(() => undefined);
    await setTimeout(CLEANUP_PAUSE_MS);
    if ((await upload.chunks.countDocuments({ files_id: upload.id }).catch(() => 0)) === 0) return;
  }
}

/** Streams a stored file out of GridFS. */
export function downloadStream(bucket: GridFSBucket, id: ObjectId): Readable {
  return bucket.openDownloadStream(id);
}
