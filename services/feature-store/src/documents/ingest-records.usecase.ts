import { createHash, randomUUID } from 'node:crypto';
import type { TextRecord } from '@mlops/contracts';
import type { LabelRepository, StoredLabel } from '../labels/label.repository.js';
import type { DocumentRecord, DocumentRepository } from './document.repository.js';

/** What storing one document produced. */
export interface Receipt {
  readonly document: DocumentRecord;
  readonly duplicate: boolean;
}

/** Hands a newly stored document to processing (publishes `documents.process`). */
export type ProcessingDispatcher = (documentId: string, requestId?: string) => Promise<void>;

function labelsFrom(record: TextRecord, by: string, at: Date): Record<string, StoredLabel> {
  return Object.fromEntries(Object.entries(record.labels ?? {}).map(([task, label]) => [task, { label, by, at }]));
}

/** The sha256 of a text's UTF-8 bytes, the identity of text content everywhere in the suite. */
export function textSha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * Writes the labels of new documents to the labels collection, then removes their copy from the
 * documents (`pendingLabels`, stored with the document in one insert). A crash between the two
 * leaves the copy, which processing writes again (idempotently) before it works on the document.
 */
export async function storeLabelsOfNew(
  deps: { documents: Pick<DocumentRepository, 'clearPendingLabels'>; labels: Pick<LabelRepository, 'addForNew'> },
  entries: readonly { documentId: string; labels: Readonly<Record<string, StoredLabel>> }[],
): Promise<void> {
  const labelled = entries.filter((entry) => Object.keys(entry.labels).length > 0);
  if (labelled.length === 0) return;
  await deps.labels.addForNew(labelled);
  await deps.documents.clearPendingLabels(labelled.map((entry) => entry.documentId));
}

/**
 * Stores text records as documents, once per distinct text (the same text returns the existing
 * document, `duplicate: true`), in one insert per batch with their labels, then the labels apart
 * (see `storeLabelsOfNew`), and dispatches the new ones to
 * processing with their confirms awaited together.
 */
export async function ingestTextRecords(
  deps: { documents: DocumentRepository; labels: LabelRepository; dispatch: ProcessingDispatcher },
  records: readonly TextRecord[],
  labelledBy: string,
  requestId?: string,
): Promise<Receipt[]> {
  const now = new Date();
  const receipts = await deps.documents.insertManyOnce(
    records.map((record) => {
      const sha256 = textSha256(record.text);
      const labels = labelsFrom(record, labelledBy, now);
      return {
        _id: randomUUID(),
        sha256,
        source: { kind: 'text' as const, detectedType: 'text/plain', size: Buffer.byteLength(record.text, 'utf8') },
        status: 'received' as const,
        attempts: 0,
        metadata: record.metadata ?? {},
        text: record.text,
        textSha256: sha256,
        ...(Object.keys(labels).length > 0 ? { pendingLabels: labels } : {}),
        createdAt: now,
        updatedAt: now,
      };
    }),
  );
  const created = receipts.flatMap((receipt, index) => {
    const record = records[index];
    return receipt.duplicate || !record ? [] : [{ id: receipt.document._id, record }];
  });
  const unfinished = receipts.flatMap(({ document, duplicate }) =>
    duplicate && document.pendingLabels ? [{ documentId: document._id, labels: document.pendingLabels }] : [],
  );
  await storeLabelsOfNew(deps, [
    ...created.map(({ id, record }) => ({ documentId: id, labels: labelsFrom(record, labelledBy, now) })),
    ...unfinished,
  ]);
  await Promise.all(created.map(({ id }) => deps.dispatch(id, requestId)));
  return receipts;
}
