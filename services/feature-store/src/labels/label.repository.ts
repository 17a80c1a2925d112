import { defineCollection, isDuplicateKeyError } from '@mlops/mongo';
import type { Collection, Db } from 'mongodb';

/** Who put a label on a document for a task, and when. */
export interface StoredLabel {
  label: string;
  by: string;
  at: Date;
}

interface LabelDocument extends StoredLabel {
  /** `<documentId>:<task>`: one label per document and task. */
  _id: string;
  documentId: string;
  task: string;
}

export const labelsCollection = defineCollection<LabelDocument>('document_labels', [
  { key: { task: 1, label: 1, documentId: 1 }, name: 'by_task_label' },
  { key: { documentId: 1 }, name: 'by_document' },
]);

/**
 * Labels, one document per (document, task), apart from the documents themselves: labelling
 * never writes a document the processing worker is writing, so the two cannot overwrite each
 * other even on a server whose updates are not isolated (see wiki/Infrastructure.md).
 */
export class LabelRepository {
  private readonly labels: Collection<LabelDocument>;

  constructor(db: Db) {
    this.labels = labelsCollection.in(db);
  }

  /** Sets (or replaces) the label of one task on one document. */
  async set(documentId: string, task: string, label: StoredLabel): Promise<void> {
    const doc: LabelDocument = { _id: `${documentId}:${task}`, documentId, task, ...label };
    try {
      await this.labels.replaceOne({ _id: doc._id }, doc, { upsert: true });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      await this.labels.replaceOne({ _id: doc._id }, doc);
    }
  }

  /**
   * Stores the labels of newly stored documents, all in one insert. Idempotent: a label already
   * stored for a (document, task) is kept as it is (written again after a crash, or relabelled since).
   */
  async addForNew(
    entries: readonly { documentId: string; labels: Readonly<Record<string, StoredLabel>> }[],
  ): Promise<void> {
    const docs = entries.flatMap(({ documentId, labels }) =>
      Object.entries(labels).map(([task, label]) => ({ _id: `${documentId}:${task}`, documentId, task, ...label })),
    );
    if (docs.length === 0) return;
    try {
      await this.labels.insertMany(docs, { ordered: false });
    } catch (error) {
      const writeErrors = (error as { writeErrors?: { code?: number }[] | { code?: number } }).writeErrors;
      const list = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
      if (list.length === 0 || !list.every(isDuplicateKeyError)) throw error;
    }
  }

  /** The labels of each given document, by task. */
  async of(documentIds: readonly string[]): Promise<Map<string, Record<string, StoredLabel>>> {
    const found = new Map<string, Record<string, StoredLabel>>();
    if (documentIds.length === 0) return found;
    for (const doc of await this.labels.find({ documentId: { $in: [...documentIds] } }).toArray()) {
      const labels = found.get(doc.documentId) ?? {};
      labels[doc.task] = { label: doc.label, by: doc.by, at: doc.at };
      found.set(doc.documentId, labels);
    }
    return found;
  }

  /** Ids of the documents labelled for `task` (with `label` when given), with their label. */
  async labelled(task: string, label?: string): Promise<Map<string, string>> {
    const docs = await this.labels
      .find(label === undefined ? { task } : { task, label }, { projection: { documentId: 1, label: 1 } })
      .toArray();
    return new Map(docs.map((doc) => [doc.documentId, doc.label]));
  }
}
