import type { DocumentStatus } from '@mlops/contracts';
import { defineCollection, isDuplicateKeyError } from '@mlops/mongo';
import type { Collection, Db, Filter } from 'mongodb';
import type { StoredLabel } from '../labels/label.repository.js';

/** Where a document's bytes came from. */
export interface DocumentSource {
  kind: 'text' | 'file';
  filename?: string;
  declaredType?: string;
  detectedType: string;
  size: number;
  /** GridFS id of the raw bytes (files only). */
  fileId?: string;
}

/** A document as stored. `sha256` is of the raw bytes (the UTF-8 text for text records) and unique. */
export interface DocumentRecord {
  _id: string;
  sha256: string;
  source: DocumentSource;
  status: DocumentStatus;
  attempts: number;
  metadata: Record<string, string | number | boolean | null>;
  text?: string;
  textSha256?: string;
  language?: string;
  features?: Record<string, unknown>;
  error?: { code: string; message: string };
  /**
   * Labels sent with the document, stored in the same insert and removed once they are in the
   * labels collection: a crash between the two writes leaves them here for processing to finish.
   */
  pendingLabels?: Record<string, StoredLabel>;
  /** When `document.ready` or `document.failed` was confirmed for the current status; unset until then. */
  announcedAt?: Date;
  createdAt: Date;
  updatedAt: Date;
}

export const documentsCollection = defineCollection<DocumentRecord>('documents', [
  { key: { sha256: 1 }, name: 'sha256_unique', unique: true },
  { key: { createdAt: -1, _id: -1 }, name: 'by_created' },
  { key: { status: 1, updatedAt: 1 }, name: 'by_status' },
]);

/** One document's change: fields to set (with `updatedAt`) and fields to remove. */
export interface DocumentChange {
  readonly id: string;
  readonly set: Partial<DocumentRecord>;
  readonly unset?: readonly (keyof DocumentRecord)[];
}

/** Filters and position of a document listing. */
export interface DocumentListQuery {
  readonly status?: DocumentStatus | undefined;
  /** Only these documents (those labelled as asked), when given. */
  readonly ids?: readonly string[] | undefined;
  readonly newestFirst: boolean;
  readonly limit: number;
  readonly after?: { readonly createdAt: Date; readonly id: string } | undefined;
}

/** Documents in MongoDB; the unique sha256 index makes "store once" atomic on every server. */
export class DocumentRepository {
  private readonly documents: Collection<DocumentRecord>;

  constructor(db: Db) {
    this.documents = documentsCollection.in(db);
  }

  /**
   * Inserts many documents in one round trip; those whose sha256 is already stored (or repeated
   * in the batch) come back as the existing document with `duplicate: true`, in input order.
   */
  async insertManyOnce(docs: readonly DocumentRecord[]): Promise<{ document: DocumentRecord; duplicate: boolean }[]> {
    if (docs.length === 0) return [];
    const rejected = new Set<number>();
    try {
      await this.documents.insertMany([...docs], { ordered: false });
    } catch (error) {
      const writeErrors = (
        error as { writeErrors?: { index: number; code?: number }[] | { index: number; code?: number } }
      ).writeErrors;
      const list = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
      if (list.length === 0 || !list.every(isDuplicateKeyError)) throw error;
      for (const writeError of list) rejected.add(writeError.index);
    }
    const existing = rejected.size
      ? await this.documents
          .find({ sha256: { $in: [...rejected].map((index) => docs[index]?.sha256 ?? '') } })
          .toArray()
      : [];
    const bySha = new Map(existing.map((doc) => [doc.sha256, doc]));
    return docs.map((doc, index) => {
      const stored = rejected.has(index) ? bySha.get(doc.sha256) : undefined;
      return stored ? { document: stored, duplicate: true } : { document: doc, duplicate: false };
    });
  }

  findById(id: string): Promise<DocumentRecord | null> {
    return this.documents.findOne({ _id: id });
  }

  /** The documents among `ids` (one query; the filter names `_id` alone, so embedded servers use its index). */
  async findMany(ids: readonly string[]): Promise<Map<string, DocumentRecord>> {
    if (ids.length === 0) return new Map();
    const found = await this.documents.find({ _id: { $in: [...new Set(ids)] } }).toArray();
    return new Map(found.map((doc) => [doc._id, doc]));
  }

  /** The status and error of each document among `ids` (one query by `_id`). */
  async statusesOf(ids: readonly string[]): Promise<Map<string, Pick<DocumentRecord, 'status' | 'error'>>> {
    const found = await this.documents
      .find({ _id: { $in: [...new Set(ids)] } }, { projection: { _id: 1, status: 1, error: 1 } })
      .toArray();
    return new Map(found.map((doc) => [doc._id, { status: doc.status, ...(doc.error ? { error: doc.error } : {}) }]));
  }

  /** Sorted by creation time, then id, after the cursor position. */
  list(query: DocumentListQuery): Promise<DocumentRecord[]> {
    const filter: Filter<DocumentRecord> = {};
    if (query.status) filter.status = query.status;
    if (query.ids) filter._id = { $in: [...query.ids] };
    const direction = query.newestFirst ? -1 : 1;
    if (query.after) {
      const beyond = query.newestFirst ? '$lt' : '$gt';
      filter.$or = [
        { createdAt: { [beyond]: query.after.createdAt } },
        { createdAt: query.after.createdAt, _id: { [beyond]: query.after.id } },
      ];
    }
    return this.documents
      .find(filter, { projection: { text: 0 } })
      .sort({ createdAt: direction, _id: direction })
      .limit(query.limit)
      .toArray();
  }

  /** Id and creation time of every ready document, oldest first (then by id): the labelling queue's order. */
  async readyByDate(): Promise<{ id: string; createdAt: Date }[]> {
    const docs = await this.documents
      .find({ status: 'ready' }, { projection: { _id: 1, createdAt: 1 } })
      .sort({ createdAt: 1, _id: 1 })
      .toArray();
    return docs.map((doc) => ({ id: doc._id, createdAt: doc.createdAt }));
  }

  /** The text and language of each document among `ids` (without features). */
  async textsOf(ids: readonly string[]): Promise<Map<string, { text: string; language?: string }>> {
    const found = await this.documents
      .find({ _id: { $in: [...ids] } }, { projection: { _id: 1, text: 1, language: 1 } })
      .toArray();
    return new Map(
      found.map((doc) => [doc._id, { text: doc.text ?? '', ...(doc.language ? { language: doc.language } : {}) }]),
    );
  }

  /** Ids among `ids` that exist. */
  async existing(ids: readonly string[]): Promise<Set<string>> {
    const found = await this.documents.find({ _id: { $in: [...ids] } }, { projection: { _id: 1 } }).toArray();
    return new Set(found.map((doc) => doc._id));
  }

  /** The language of each document among `ids` that has one. */
  async languagesOf(ids: readonly string[]): Promise<Map<string, string>> {
    const found = await this.documents
      .find({ _id: { $in: [...ids] } }, { projection: { _id: 1, language: 1 } })
      .toArray();
    return new Map(found.flatMap((doc) => (doc.language === undefined ? [] : [[doc._id, doc.language] as const])));
  }

  /**
   * The ready documents among `ids`, in id order, read in batches. The filter names `_id` alone
   * (status is checked here): embedded servers such as mongo-java-server use an index only for a
   * filter on exactly its keys, and would scan the collection once per batch otherwise.
   */
  async *readyAmong(ids: readonly string[]): AsyncGenerator<DocumentRecord> {
    const sorted = [...ids].sort();
    for (let start = 0; start < sorted.length; start += 500) {
      const batch = await this.documents
        .find({ _id: { $in: sorted.slice(start, start + 500) } }, { projection: { features: 0 } })
        .sort({ _id: 1 })
        .toArray();
      yield* batch.filter((doc) => doc.status === 'ready');
    }
  }

  /** Moves the document to a processing state (written by the processing worker only). */
  async update(
    id: string,
    changes: Partial<DocumentRecord>,
    unset: readonly (keyof DocumentRecord)[] = [],
  ): Promise<void> {
    await this.updateEach([{ id, set: changes, unset }]);
  }

  /** Applies many `update`s (each by `_id`) in one round trip: one commit on the store for all of them. */
  async updateEach(changes: readonly DocumentChange[]): Promise<void> {
    if (changes.length === 0) return;
    const now = new Date();
    await this.documents.bulkWrite(
      changes.map(({ id, set, unset = [] }) => ({
        updateOne: {
          filter: { _id: id },
          update: {
            $set: { ...set, updatedAt: now },
            ...(unset.length ? { $unset: Object.fromEntries(unset.map((key) => [key, ''])) } : {}),
          },
        },
      })),
      { ordered: false },
    );
  }

  /** The GridFS file ids among `fileIds` (hex) that a document points at (the orphan sweep keeps these). */
  async referencedFiles(fileIds: readonly string[]): Promise<Set<string>> {
    const found = await this.documents
      .find({ 'source.fileId': { $in: [...fileIds] } }, { projection: { 'source.fileId': 1 } })
      .toArray();
    return new Set(found.flatMap((doc) => (doc.source.fileId ? [doc.source.fileId] : [])));
  }

  /** Removes the pending labels of documents whose labels are now stored. */
  async clearPendingLabels(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.documents.updateMany({ _id: { $in: [...ids] } }, { $unset: { pendingLabels: '' } });
  }

  /** Records that the outcome event of the document's current status was confirmed. */
  async markAnnounced(id: string): Promise<void> {
    await this.markAnnouncedAll([id]);
  }

  /** `markAnnounced` for many documents in one round trip. */
  async markAnnouncedAll(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.documents.updateMany({ _id: { $in: [...ids] } }, { $set: { announcedAt: new Date() } });
  }

  /** Ids of documents still `received` or `processing` whose last change is older than `before`. */
  async stale(before: Date, limit: number): Promise<string[]> {
    const docs = await this.documents
      .find({ status: { $in: ['received', 'processing'] }, updatedAt: { $lt: before } }, { projection: { _id: 1 } })
      .sort({ updatedAt: 1 })
      .limit(limit)
      .toArray();
    return docs.map((doc) => doc._id);
  }

  /** Puts a failed document back to `received` for another round; false when it is not failed. */
  async resetFailed(id: string): Promise<boolean> {
    const result = await this.documents.updateOne(
      { _id: id, status: 'failed' },
      { $set: { status: 'received', updatedAt: new Date() }, $unset: { error: '' } },
    );
    return result.matchedCount === 1;
  }
}
