import type { Logger } from '@mlops/logger';
import { GridFSBucket, ObjectId, type Db, type Filter, type GridFSFile } from 'mongodb';

/** One sweep of a GridFS bucket for files that no record points at. */
export interface OrphanSweep {
  readonly db: Db;
  readonly bucket: string;
  /**
   * Only files uploaded before this are candidates: a younger one may belong to a write whose
   * record is about to be stored (the file is always written first, its record second).
   */
  readonly olderThan: Date;
  /** The ids among `ids` that a record points at (as hex strings). */
  readonly referenced: (ids: readonly ObjectId[]) => Promise<ReadonlySet<string>>;
  /** Narrows the candidates (e.g. to the kinds of files that records point at). */
  readonly filter?: Filter<GridFSFile>;
  /** Files read per round trip (default 500). */
  readonly pageSize?: number;
}

/** What a sweep removed. */
export interface OrphanSweepResult {
  /** Complete files that no record pointed at. */
  readonly files: number;
  /** Files whose upload never finished: chunks without a files document. */
  readonly partialUploads: number;
}

/**
 * Deletes what a crash between "store the file" and "store its record" leaves behind: complete
 * files older than `olderThan` that no record points at, and the chunks of uploads older than
 * that which never got their files document (the process died mid-upload). Pages through the
 * whole bucket by id, so every old file is looked at once per sweep.
 */
export async function deleteOrphanFiles(sweep: OrphanSweep): Promise<OrphanSweepResult> {
  const bucket = new GridFSBucket(sweep.db, { bucketName: sweep.bucket });
  const files = sweep.db.collection<GridFSFile>(`${sweep.bucket}.files`);
  const chunks = sweep.db.collection<{ files_id: ObjectId; n: number }>(`${sweep.bucket}.chunks`);
  const pageSize = sweep.pageSize ?? 500;
  let removedFiles = 0;
  let after: ObjectId | undefined;
  for (;;) {
    const page = await files
      .find(
        { ...sweep.filter, uploadDate: { $lt: sweep.olderThan }, ...(after ? { _id: { $gt: after } } : {}) },
        { projection: { _id: 1 } },
      )
      .sort({ _id: 1 })
      .limit(pageSize)
      .toArray();
    if (page.length === 0) break;
    const ids = page.map((file) => file._id);
    const kept = await sweep.referenced(ids);
    for (const id of ids) {
      if (kept.has(id.toHexString())) continue;
      await bucket.delete(id).catch(() => undefined);
      removedFiles += 1;
    }
    after = ids.at(-1);
  }
  const cutoff = ObjectId.createFromTime(Math.floor(sweep.olderThan.getTime() / 1000));
  let partialUploads = 0;
  let afterChunk: ObjectId | undefined;
  for (;;) {
    const firstChunks = await chunks
      .find(
        { n: 0, files_id: afterChunk ? { $gt: afterChunk, $lt: cutoff } : { $lt: cutoff } },
        {
          projection: { files_id: 1 },
        },
      )
      .sort({ files_id: 1 })
      .limit(pageSize)
      .toArray();
    if (firstChunks.length === 0) break;
    const fileIds = firstChunks.map((chunk) => chunk.files_id);
    const complete = new Set(
      (await files.find({ _id: { $in: fileIds } }, { projection: { _id: 1 } }).toArray()).map((file) =>
        file._id.toHexString(),
      ),
    );
    const partial = fileIds.filter((id) => !complete.has(id.toHexString()));
    if (partial.length > 0) {
      await chunks.deleteMany({ files_id: { $in: partial } });
      partialUploads += partial.length;
    }
    afterChunk = fileIds.at(-1);
  }
  return { files: removedFiles, partialUploads };
}

/** A periodic orphan sweep of one bucket. */
export interface OrphanSweeperOptions extends Omit<OrphanSweep, 'olderThan' | 'db'> {
  readonly db: Db;
  /** How old an unreferenced file must be to be deleted (default 1 h). */
  readonly graceMs?: number;
  /** Time between sweeps (default 10 min). */
  readonly intervalMs?: number;
  readonly logger: Logger;
}

/**
 * Runs `deleteOrphanFiles` every `intervalMs` (never two at once; a failed sweep is logged and
 * retried at the next tick; the timer does not keep the process alive). Returns a function that stops it.
 */
export function startOrphanFileSweeper(options: OrphanSweeperOptions): () => void {
  const { graceMs = 3_600_000, intervalMs = 600_000, logger, ...sweep } = options;
  const log = logger.child({ component: 'orphan-files', bucket: sweep.bucket });
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    deleteOrphanFiles({ ...sweep, olderThan: new Date(Date.now() - graceMs) })
      .then((removed) => {
        if (removed.files + removed.partialUploads > 0) log.warn(removed, 'orphan files deleted');
      })
      .catch((error: unknown) => log.warn({ err: error }, 'orphan sweep failed; the next one retries'))
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
