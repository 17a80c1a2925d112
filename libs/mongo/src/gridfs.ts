import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setTimeout } from 'node:timers/promises';
import {
  GridFSBucket,
  type Binary,
  type Collection,
  type GridFSBucketWriteStream,
  type GridFSFile,
  type ObjectId,
  type Db,
  type Document,
} from 'mongodb';

interface Chunk {
  readonly files_id: ObjectId;
  readonly n: number;
  readonly data: Binary;
}

/** The collections behind each bucket opened here, for reads that name whole index keys. */
const collectionsOf = new WeakMap<GridFSBucket, { files: Collection<GridFSFile>; chunks: Collection<Chunk> }>();

/** A stored file's id and size. */
export interface StoredFile {
  readonly id: ObjectId;
  readonly length: number;
}

/** Opens a GridFS bucket (chunks of 255 kB, the driver default). */
export function openBucket(db: Db, name: string): GridFSBucket {
  const bucket = new GridFSBucket(db, { bucketName: name });
  collectionsOf.set(bucket, {
    files: db.collection<GridFSFile>(`${name}.files`),
    chunks: db.collection<Chunk>(`${name}.chunks`),
  });
  return bucket;
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

/**
 * Streams a stored file out of GridFS. For a bucket opened with `openBucket`, each chunk is read
 * by its whole `{files_id, n}` key: the driver's own reader asks for `{files_id}` sorted by `n`,
 * which embedded servers (mongo-java-server) answer by scanning every chunk of the bucket, so a
 * read slowed with the number of stored files (23 ms at 3,000 files against 2.7 ms by key).
 */
export function downloadStream(bucket: GridFSBucket, id: ObjectId): Readable {
  const collections = collectionsOf.get(bucket);
  if (!collections) return bucket.openDownloadStream(id);
  return Readable.from(chunksOf(collections, id), { objectMode: false });
}

async function* chunksOf(
  collections: { files: Collection<GridFSFile>; chunks: Collection<Chunk> },
  id: ObjectId,
): AsyncGenerator<Buffer> {
  const file = await collections.files.findOne({ _id: id });
  if (!file) throw new Error(`FileNotFound: file ${id.toHexString()} was not found`);
  const count = Math.ceil(file.length / file.chunkSize);
  let read = 0;
  for (let n = 0; n < count; n++) {
    const chunk = await collections.chunks.findOne({ files_id: id, n });
    if (!chunk) throw new Error(`ChunkIsMissing: file ${id.toHexString()} has no chunk ${n}`);
    const bytes = chunk.data.buffer.subarray(0, chunk.data.position);
    read += bytes.length;
    yield Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  }
  if (read !== file.length)
    throw new Error(`ChunkIsMissing: file ${id.toHexString()} holds ${read} of its ${file.length} bytes`);
}
