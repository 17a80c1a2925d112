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
 * Stores text records as documents, once per distinct text (the same text returns the existing
 * document, `duplicate: true`), in one insert per batch, and dispatches the new ones to
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
      return {
        _id: randomUUID(),
        sha256,
        source: { kind: 'text' as const, detectedType: 'text/plain', size: Buffer.byteLength(record.text, 'utf8') },
        status: 'received' as const,
        attempts: 0,
        metadata: record.metadata ?? {},
        text: record.text,
        textSha256: sha256,
        createdAt: now,
        updatedAt: now,
      };
    }),
  );
  const created = receipts.flatMap((receipt, index) => {
    const record = records[index];
    return receipt.duplicate || !record ? [] : [{ id: receipt.document._id, record }];
  });
  await deps.labels.addForNew(
    created.map(({ id, record }) => ({ documentId: id, labels: labelsFrom(record, labelledBy, now) })),
  );
  await Promise.all(created.map(({ id }) => deps.dispatch(id, requestId)));
  return receipts;
}
