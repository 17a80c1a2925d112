import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ByteMeter } from '@mlops/clients';
import { uploadStream } from '@mlops/mongo';
import type { GridFSBucket, ObjectId } from 'mongodb';
import { featureStoreErrors } from '../errors.js';
import type { LabelRepository, StoredLabel } from '../labels/label.repository.js';
import type { DocumentRecord, DocumentRepository } from './document.repository.js';
import { storeLabelsOfNew, type ProcessingDispatcher, type Receipt } from './ingest-records.usecase.js';
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
}

async function discard(bucket: GridFSBucket, id: ObjectId): Promise<void> {
  await bucket.delete(id).catch(() => undefined);
}

/**
 * Streams one file into GridFS while hashing it (no whole-file buffering), sniffs its type
 * from its first bytes, and stores its document once per distinct content: the same bytes
 * return the existing document and the new copy is deleted. A file over the size limit or an
 * empty one is refused and leaves nothing behind.
 */
export async function storeUploadedFile(
  deps: UploadDeps,
  file: IncomingFile,
  context: UploadContext,
): Promise<Receipt> {
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
  const now = new Date();
  const labels: Record<string, StoredLabel> = Object.fromEntries(
    Object.entries(context.labels).map(([task, label]) => [task, { label, by: context.labelledBy, at: now }]),
  );
  const document: DocumentRecord = {
    _id: randomUUID(),
    sha256: hashing.digest(),
    source: {
      kind: 'file',
      filename: file.filename,
      declaredType: file.declaredType,
      detectedType: await sniffMediaType(hashing.head()),
      size: hashing.bytes,
      fileId: stored.id.toHexString(),
    },
    status: 'received',
    attempts: 0,
    metadata: context.metadata,
    ...(Object.keys(labels).length > 0 ? { pendingLabels: labels } : {}),
    createdAt: now,
    updatedAt: now,
  };
  const [receipt = { document, duplicate: false }] = await deps.documents.insertManyOnce([document]);
  if (receipt.duplicate) {
    await discard(deps.bucket, stored.id);
  } else {
    await storeLabelsOfNew(deps, [{ documentId: receipt.document._id, labels }]);
    await deps.dispatch(receipt.document._id, context.requestId);
  }
  return receipt;
}

function hashingSource(source: Readable, hashing: ByteMeter): Readable {
  pipeline(source, hashing).catch((error: unknown) =>
    hashing.destroy(error instanceof Error ? error : new Error(String(error))),
  );
  return hashing;
}
