import type { DocumentChange, DocumentRecord, DocumentRepository } from '../documents/document.repository.js';
import { coalesce, type CoalescerOptions } from './coalescer.js';

/** The document reads and writes processing makes, one document at a time. */
export type ProcessingDocuments = Pick<
  DocumentRepository,
  'findById' | 'update' | 'markAnnounced' | 'clearPendingLabels'
>;

/**
 * Processing's document reads and writes over the repository, each kind grouped across the
 * documents in hand (see `coalesce`): the reads of many messages become one `_id` `$in` query, their
 * status writes one `bulkWrite`, their announcement marks one `updateMany`. Each write is
 * acknowledged only when its batch is, so a document's writes keep their order and nothing is
 * acknowledged before the store has it.
 */
export function coalescedDocuments(repository: DocumentRepository, options: CoalescerOptions): ProcessingDocuments {
  const find = coalesce<string, DocumentRecord | null>(async (ids) => {
    const found = await repository.findMany(ids);
    return ids.map((id) => found.get(id) ?? null);
  }, options);
  const write = coalesce<DocumentChange, true>(async (changes) => {
    await repository.updateEach(changes);
    return changes.map(() => true);
  }, options);
  const announce = coalesce<string, true>(async (ids) => {
    await repository.markAnnouncedAll(ids);
    return ids.map(() => true);
  }, options);
  return {
    findById: find,
    update: async (id, set, unset) => {
      await write({ id, set, unset });
    },
    markAnnounced: async (id) => {
      await announce(id);
    },
    clearPendingLabels: (ids) => repository.clearPendingLabels(ids),
  };
}
