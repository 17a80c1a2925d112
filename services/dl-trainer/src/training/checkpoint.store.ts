import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { promisify } from 'node:util';
import { constants, gunzip, gzip } from 'node:zlib';
import type { Logger } from '@mlops/logger';
import { decodeCheckpoint, encodeCheckpoint, type TrainerCheckpoint } from '@mlops/ml';
import { downloadStream, openBucket, uploadStream } from '@mlops/mongo';
import type { Db, GridFSBucket } from 'mongodb';

const BUCKET = 'training_checkpoints';
const compress = promisify(gzip);
const decompress = promisify(gunzip);

interface CheckpointMetadata {
  readonly jobId: string;
  readonly epoch: number;
  readonly sha256: string;
  /** Hash of the resolved config and the dataset content: a checkpoint only resumes the same run. */
  readonly fingerprint: string;
}

/**
 * Per-epoch trainer checkpoints of a job in GridFS, gzipped (untouched hashed rows and Adam
 * moments are zeros) and with their sha256. Saving writes the new
 * one before removing older ones, so a crash at any point leaves a usable checkpoint; loading
 * verifies the checksum and skips (and reports) a corrupted one instead of loading it.
 */
export class CheckpointStore {
  private readonly bucket: GridFSBucket;

  constructor(
    db: Db,
    private readonly logger: Logger,
  ) {
    this.bucket = openBucket(db, BUCKET);
  }

  /** Stores the checkpoint after `checkpoint.epoch` epochs, then drops the job's older ones. */
  async save(jobId: string, fingerprint: string, checkpoint: TrainerCheckpoint): Promise<void> {
    const bytes = await compress(encodeCheckpoint(checkpoint), { level: constants.Z_BEST_SPEED });
    const metadata: CheckpointMetadata = {
      jobId,
      epoch: checkpoint.epoch,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      fingerprint,
    };
    const stored = await uploadStream(this.bucket, jobId, Readable.from([bytes]), metadata);
    for (const file of await this.bucket.find({ filename: jobId }).toArray()) {
      if (!file._id.equals(stored.id)) await this.bucket.delete(file._id).catch(() => undefined);
    }
  }

  /** The newest intact checkpoint of the job for this fingerprint, or undefined. */
  async latest(jobId: string, fingerprint: string): Promise<TrainerCheckpoint | undefined> {
    const files = await this.bucket.find({ filename: jobId }).toArray();
    const candidates = files
      .map((file) => ({ id: file._id, metadata: file.metadata as CheckpointMetadata | undefined }))
      .filter((file) => file.metadata?.fingerprint === fingerprint)
      .sort((a, b) => (b.metadata?.epoch ?? 0) - (a.metadata?.epoch ?? 0));
    for (const candidate of candidates) {
      const bytes = await buffer(downloadStream(this.bucket, candidate.id)).catch(() => undefined);
      const sha256 = bytes && createHash('sha256').update(bytes).digest('hex');
      if (!bytes || sha256 !== candidate.metadata?.sha256) {
        this.logger.warn({ jobId, epoch: candidate.metadata?.epoch }, 'checkpoint fails its checksum; not loaded');
        continue;
      }
      try {
        const raw = await decompress(bytes);
        return decodeCheckpoint(new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength));
      } catch (error) {
        this.logger.warn({ jobId, err: error }, 'checkpoint unreadable; not loaded');
      }
    }
    return undefined;
  }

  /** Removes every checkpoint of the job (after it finished). */
  async clear(jobId: string): Promise<void> {
    for (const file of await this.bucket.find({ filename: jobId }).toArray()) {
      await this.bucket.delete(file._id).catch(() => undefined);
    }
  }
}
