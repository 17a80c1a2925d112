import { defineCollection, isDuplicateKeyError } from '@mlops/mongo';
import type { Collection, Db } from 'mongodb';

/** Who put a label on a document for a task, and when. */
export interface StoredLabel {
  label: string;
  by: string;
  at: Date;
}

/** A stored label with its revision (1 for the first label, +1 per change). */
export interface RevisedLabel extends StoredLabel {
  revision: number;
}

interface LabelDocument extends StoredLabel {
  /** `<documentId>:<task>`: one label per document and task. */
  _id: string;
  documentId: string;
  task: string;
  /** Absent on labels stored before revisions existed: they count as revision 1. */
  revision?: number;
}

/** The outcome of a conditional label write: written, or refused with the label as it is now. */
export type ConditionalWrite = { written: true } | { written: false; current: RevisedLabel | null };

function revised(doc: LabelDocument): RevisedLabel {
  return { label: doc.label, by: doc.by, at: doc.at, revision: doc.revision ?? 1 };
}

/** A label document's filter on its revision (a label without one is revision 1). */
function atRevision(revision: number): Record<string, unknown> {
  return revision === 1 ? { $or: [{ revision: 1 }, { revision: { $exists: false } }] } : { revision };
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

  /** Sets (or replaces) the label of one task on one document, whatever it was; the revision goes up by one. */
  async set(documentId: string, task: string, label: StoredLabel): Promise<void> {
    for (;;) {
      const current = await this.labels.findOne({ _id: `${documentId}:${task}` });
      const outcome = await this.setIfRevision(documentId, task, label, current ? revised(current).revision : 0);
      if (outcome.written) return;
    }
  }

  /**
   * Sets the label only when its revision is still `expected` (0: no label yet), in one atomic
   * write; otherwise answers the label as it is now.
   */
  async setIfRevision(
    documentId: string,
    task: string,
    label: StoredLabel,
    expected: number,
  ): Promise<ConditionalWrite> {
    const _id = `${documentId}:${task}`;
    const next: LabelDocument = { _id, documentId, task, ...label, revision: expected + 1 };
    if (expected === 0) {
      try {
        await this.labels.insertOne(next);
        return { written: true };
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
    } else {
      const { _id: _ignored, ...changes } = next;
      const result = await this.labels.updateOne({ _id, ...atRevision(expected) }, { $set: changes });
      if (result.matchedCount === 1) return { written: true };
    }
    const current = await this.labels.findOne({ _id });
    return { written: false, current: current ? revised(current) : null };
  }

  /**
   * Removes the label of one task on one document; with `expected`, only while its revision is
   * still that one (otherwise answers the label as it is now, null when there is none).
   */
  async remove(documentId: string, task: string, expected?: number): Promise<ConditionalWrite> {
    const _id = `${documentId}:${task}`;
    const result = await this.labels.deleteOne(expected === undefined ? { _id } : { _id, ...atRevision(expected) });
    if (result.deletedCount === 1 || expected === undefined) return { written: true };
    const current = await this.labels.findOne({ _id });
    return { written: false, current: current ? revised(current) : null };
  }

  /**
   * Stores the labels of newly stored documents, all in one insert. Idempotent: a label already
   * stored for a (document, task) is kept as it is (written again after a crash, or relabelled since).
   */
  async addForNew(
    entries: readonly { documentId: string; labels: Readonly<Record<string, StoredLabel>> }[],
  ): Promise<void> {
    const docs = entries.flatMap(({ documentId, labels }) =>
      Object.entries(labels).map(([task, label]) => ({
        _id: `${documentId}:${task}`,
        documentId,
        task,
        ...label,
        revision: 1,
      })),
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
  async of(documentIds: readonly string[]): Promise<Map<string, Record<string, RevisedLabel>>> {
    const found = new Map<string, Record<string, RevisedLabel>>();
    if (documentIds.length === 0) return found;
    for (const doc of await this.labels.find({ documentId: { $in: [...documentIds] } }).toArray()) {
      const labels = found.get(doc.documentId) ?? {};
      labels[doc.task] = revised(doc);
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
