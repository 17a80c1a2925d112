import type { DatasetRecord } from '@mlops/contracts';
import type { DocumentRepository } from '../documents/document.repository.js';
import type { DatasetRepository } from './dataset.repository.js';

/**
 * A version's records as the records stream sends them, with the document's language when it
 * has one. Versions frozen before records stored their language read it from the documents.
 */
export async function* versionRecords(
  deps: { datasets: DatasetRepository; documents: DocumentRepository },
  versionId: string,
): AsyncGenerator<DatasetRecord> {
  for await (const batch of deps.datasets.recordBatchesOf(versionId)) {
    const unrecorded = batch.filter((record) => record.language === undefined).map((record) => record.documentId);
    const looked = unrecorded.length > 0 ? await deps.documents.languagesOf(unrecorded) : new Map<string, string>();
    for (const { language: stored, ...record } of batch) {
      const language = stored === undefined ? looked.get(record.documentId) : (stored ?? undefined);
      yield language === undefined ? record : { ...record, language };
    }
  }
}
