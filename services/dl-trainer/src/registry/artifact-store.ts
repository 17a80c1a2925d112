import { Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ByteMeter } from '@mlops/clients';
import { downloadStream, openBucket, uploadStream } from '@mlops/mongo';
import type { Db, GridFSBucket, ObjectId } from 'mongodb';
import { registryErrors } from '../errors.js';

/** GridFS bucket of model files: collections `model_artifacts.files` and `model_artifacts.chunks`. */
export const ARTIFACT_BUCKET = 'model_artifacts';

/** One stored file of a model folder. */
export interface StoredArtifactFile {
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
  readonly gridFsId: ObjectId;
}

/** Whom a stored file belongs to, written into its GridFS metadata (finds orphans of a crashed upload). */
export interface ArtifactOwner {
  readonly model: string;
  readonly uploadId: string;
}

/**
 * Model files in GridFS. Files are written hashed and counted, each under a byte budget, and read
 * back only through their sha256: a file whose bytes changed since it was stored is refused with
 * REGISTRY_ARTIFACT_CORRUPTED rather than served.
 */
export class ArtifactStore {
  private readonly bucket: GridFSBucket;

  constructor(db: Db) {
    this.bucket = openBucket(db, ARTIFACT_BUCKET);
  }

  /** Streams `source` into GridFS; fails with REGISTRY_IMPORT_TOO_LARGE past `maxBytes`, leaving nothing stored. */
  async put(path: string, source: Readable, owner: ArtifactOwner, maxBytes: number): Promise<StoredArtifactFile> {
    const counter = new ByteMeter({
      maxBytes,
      hash: true,
      tooLarge: () =>
        registryErrors.importTooLarge(`${path} goes past the folder limit of ${maxBytes} bytes left`, [
          { pointer: `/body/${path}`, message: 'folder too large' },
        ]),
    });
    pipeline(source, counter).catch((error: unknown) => counter.destroy(toError(error)));
    const stored = await uploadStream(this.bucket, path, counter, { ...owner, path });
    return { path, size: stored.length, sha256: counter.digest(), gridFsId: stored.id };
  }

  /** Removes stored files (a failed or duplicate registration); missing ones are ignored. */
  async discard(files: readonly Pick<StoredArtifactFile, 'gridFsId'>[]): Promise<void> {
    for (const file of files) await this.bucket.delete(file.gridFsId).catch(() => undefined);
  }

  /** Reads a file whole and checks it; for small files such as the manifest. */
  async read(file: StoredArtifactFile): Promise<Buffer> {
    const chunks: Buffer[] = [];
    await this.drainVerified(
      file,
      new Writable({
        write(chunk: Buffer, _encoding, callback) {
          chunks.push(chunk);
          callback();
        },
      }),
    );
    return Buffer.concat(chunks);
  }

  /** Reads the file through without keeping it; throws REGISTRY_ARTIFACT_CORRUPTED unless size and sha256 match. */
  async verify(file: StoredArtifactFile): Promise<void> {
    await this.drainVerified(
      file,
      new Writable({
        write(_chunk, _encoding, callback) {
          callback();
        },
      }),
    );
  }

  /**
   * A stream of the file's bytes that fails at its end if they do not match the stored checksum.
   * Callers that answer HTTP verify first, so a corrupted file gets a problem response instead of
   * a cut one; this check guards the bytes actually sent.
   */
  open(file: StoredArtifactFile): Readable {
    const verifier = verifierOf(file);
    pipeline(downloadStream(this.bucket, file.gridFsId), verifier).catch((error: unknown) =>
      verifier.destroy(isCorruption(error) ? error : corrupted(file, error)),
    );
    return verifier;
  }

  private async drainVerified(file: StoredArtifactFile, sink: Writable): Promise<void> {
    try {
      await pipeline(downloadStream(this.bucket, file.gridFsId), verifierOf(file), sink);
    } catch (error) {
      throw isCorruption(error) ? error : corrupted(file, error);
    }
  }
}

/** A pass-through that fails at its end unless the bytes have the file's size and sha256. */
function verifierOf(file: StoredArtifactFile): ByteMeter {
  return new ByteMeter({ expect: file, mismatch: (actual) => corrupted(file, actual) });
}

function isCorruption(error: unknown): error is Error {
  return error instanceof Error && 'code' in error && error.code === registryErrors.artifactCorrupted.code;
}

function corrupted(file: StoredArtifactFile, actual: unknown) {
  const found =
    typeof actual === 'object' && actual !== null && 'sha256' in actual && 'size' in actual
      ? `found ${String(actual.size)} bytes with sha256 ${String(actual.sha256)}`
      : `unreadable: ${toError(actual).message}`;
  return registryErrors.artifactCorrupted(
    `${file.path} (GridFS ${file.gridFsId.toHexString()}) should be ${file.size} bytes with sha256 ${file.sha256}; ${found}`,
  );
}

function toError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}
