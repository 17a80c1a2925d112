import { createHash, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ByteMeter } from '@mlops/clients';
import { insertFiles, uploadStream } from '@mlops/mongo';
import type { GridFSBucket, ObjectId } from 'mongodb';
import { featureStoreErrors } from '../errors.js';
import type { LabelRepository, StoredLabel } from '../labels/label.repository.js';
import type { DocumentRecord, DocumentRepository } from './document.repository.js';
import { storeLabelsOfNew, type ProcessingDispatcher, type Receipt } from './ingest-records.usecase.js';
import type { RecentFiles } from './recent-files.js';
import { SNIFF_BYTES, sniffMediaType } from './type-sniffer.js';

/** One file of a multipart upload, as the multipart parser hands it over. */
export interface IncomingFile {
  readonly filename: string;
  readonly declaredType: string;
  readonly stream: Readable & { truncated?: boolean };
}

/** What every file of one upload shares. */
export interface UploadContext {
  readonly metadata: DocumentRecord['metadata'];
  readonly labels: Record<string, string>;
  readonly labelledBy: string;
  readonly requestId?: string;
}

/** What storing files needs. */
export interface UploadDeps {
  readonly documents: DocumentRepository;
  readonly labels: LabelRepository;
  readonly bucket: GridFSBucket;
  readonly dispatch: ProcessingDispatcher;
  readonly maxFileBytes: number;
  /** Where the bytes of files held in memory are kept for their processing. */
  readonly recentFiles?: RecentFiles;
}

async function discard(bucket: GridFSBucket, id: ObjectId): Promise<void> {
  await bucket.delete(id).catch(() => undefined);
}

/** A file of a multipart upload read whole into memory (a small one), as the multipart parser left it. */
export interface HeldFile {
  readonly filename: string;
  readonly declaredType: string;
  readonly bytes: Buffer;
  /** The parser cut the file at the size limit. */
  readonly truncated: boolean;
}

/** A file stored in GridFS whose document is not written yet (a crash leaves an orphan the sweeper deletes). */
export interface StagedFile {
  readonly fileId: ObjectId;
  readonly document: DocumentRecord;
}

/**
 * Streams one file into GridFS while hashing it (no whole-file buffering) and sniffs its type
 * from its first bytes, giving the document to store for it. A file over the size limit or an
 * empty one is refused and leaves nothing behind.
 */
export async function stageUploadedFile(
  deps: Pick<UploadDeps, 'bucket' | 'maxFileBytes'>,
  file: IncomingFile,
  context: Pick<UploadContext, 'metadata'>,
): Promise<StagedFile> {
  const hashing = new ByteMeter({ hash: true, keepHead: SNIFF_BYTES });
  const stored = await uploadStream(deps.bucket, file.filename, hashingSource(file.stream, hashing), {
    declaredType: file.declaredType,
  });
  if (file.stream.truncated) {
    await discard(deps.bucket, stored.id);
    throw featureStoreErrors.fileTooLarge(`${file.filename} exceeds the limit of ${deps.maxFileBytes} bytes`, [
      { pointer: `/body/file/${file.filename}`, message: `larger than ${deps.maxFileBytes} bytes` },
    ]);
  }
  if (hashing.bytes === 0) {
    await discard(deps.bucket, stored.id);
    throw featureStoreErrors.emptyFile(`${file.filename} has no bytes`, [
      { pointer: `/body/file/${file.filename}`, message: 'empty file' },
    ]);
  }
  return stagedFile(stored.id, file, { sha256: hashing.digest(), head: hashing.head(), size: hashing.bytes }, context);
}

async function stagedFile(
  fileId: ObjectId,
  file: Pick<IncomingFile, 'filename' | 'declaredType'>,
  content: { readonly sha256: string; readonly head: Buffer; readonly size: number },
  context: Pick<UploadContext, 'metadata'>,
): Promise<StagedFile> {
  const now = new Date();
  return {
    fileId,
    document: {
      _id: randomUUID(),
      sha256: content.sha256,
      source: {
        kind: 'file',
        filename: file.filename,
        declaredType: file.declaredType,
        detectedType: await sniffMediaType(content.head),
        size: content.size,
        fileId: fileId.toHexString(),
      },
      status: 'received',
      attempts: 0,
      metadata: context.metadata,
      createdAt: now,
      updatedAt: now,
    },
  };
}

/** Refuses a held file over the size limit (cut by the parser) or an empty one, as `stageUploadedFile` does. */
export function refuseUnfitHeldFile(deps: Pick<UploadDeps, 'maxFileBytes'>, file: HeldFile): void {
  if (file.truncated)
    throw featureStoreErrors.fileTooLarge(`${file.filename} exceeds the limit of ${deps.maxFileBytes} bytes`, [
      { pointer: `/body/file/${file.filename}`, message: `larger than ${deps.maxFileBytes} bytes` },
    ]);
  if (file.bytes.length === 0)
    throw featureStoreErrors.emptyFile(`${file.filename} has no bytes`, [
      { pointer: `/body/file/${file.filename}`, message: 'empty file' },
    ]);
}

/**
 * Stores files held whole in memory (each passed by `refuseUnfitHeldFile`) into GridFS together
 * (two writes for all of them, see `insertFiles`) and gives the document to store for each, in order.
 */
export async function stageHeldFiles(
  deps: Pick<UploadDeps, 'bucket' | 'recentFiles'>,
  files: readonly HeldFile[],
  context: Pick<UploadContext, 'metadata'>,
): Promise<StagedFile[]> {
  const stored = await insertFiles(
    deps.bucket,
    files.map((file) => ({
      filename: file.filename,
      bytes: file.bytes,
      metadata: { declaredType: file.declaredType },
    })),
  );
  return Promise.all(
    files.map((file, index) => {
      const id = stored[index]?.id;
      if (!id) throw new Error(`no stored file for ${file.filename}`);
      deps.recentFiles?.keep(id.toHexString(), file.bytes);
      const sha256 = createHash('sha256').update(file.bytes).digest('hex');
      return stagedFile(
        id,
        file,
        { sha256, head: file.bytes.subarray(0, SNIFF_BYTES), size: file.bytes.length },
        context,
      );
    }),
  );
}

/**
 * Stores the documents of staged files in one insert, once per distinct content (the same bytes
 * return the existing document and the new copy is deleted), with their labels (see
 * `storeLabelsOfNew`), and dispatches the new ones with their confirms awaited together.
 */
export async function storeStagedFiles(
  deps: UploadDeps,
  staged: readonly StagedFile[],
  context: UploadContext,
): Promise<Receipt[]> {
  const now = new Date();
  const labels: Record<string, StoredLabel> = Object.fromEntries(
    Object.entries(context.labels).map(([task, label]) => [task, { label, by: context.labelledBy, at: now }]),
  );
  const labelled = Object.keys(labels).length > 0;
  const receipts = await deps.documents.insertManyOnce(
    staged.map(({ document }) => (labelled ? { ...document, pendingLabels: labels } : document)),
  );
  const created = receipts.flatMap((receipt) => (receipt.duplicate ? [] : [receipt.document._id]));
  await Promise.all(
    staged.flatMap((file, index) => (receipts[index]?.duplicate ? [discard(deps.bucket, file.fileId)] : [])),
  );
  await storeLabelsOfNew(
    deps,
    created.map((documentId) => ({ documentId, labels })),
  );
  await Promise.all(created.map((documentId) => deps.dispatch(documentId, context.requestId)));
  return receipts;
}

/** Deletes the bytes of staged files whose documents will not be written (a refused upload). */
export async function discardStaged(deps: Pick<UploadDeps, 'bucket'>, staged: readonly StagedFile[]): Promise<void> {
  await Promise.all(staged.map((file) => discard(deps.bucket, file.fileId)));
}

/** Stages one file and stores its document (see `stageUploadedFile` and `storeStagedFiles`). */
export async function storeUploadedFile(
  deps: UploadDeps,
  file: IncomingFile,
  context: UploadContext,
): Promise<Receipt> {
  const staged = await stageUploadedFile(deps, file, context);
  const [receipt] = await storeStagedFiles(deps, [staged], context);
  if (!receipt) throw new Error(`no receipt for ${file.filename}`);
  return receipt;
}

function hashingSource(source: Readable, hashing: ByteMeter): Readable {
  pipeline(source, hashing).catch((error: unknown) =>
    hashing.destroy(error instanceof Error ? error : new Error(String(error))),
  );
  return hashing;
}
