import type { z } from 'zod';
import type { documentSchema } from '@mlops/contracts';
import type { RevisedLabel } from '../labels/label.repository.js';
import type { DocumentRecord } from './document.repository.js';

/** Renders a stored document and its labels as the API shows them. */
export function toDocumentView(
  doc: DocumentRecord,
  labels: Readonly<Record<string, RevisedLabel>> = {},
): z.infer<typeof documentSchema> {
  return {
    id: doc._id,
    sha256: doc.sha256,
    status: doc.status,
    source: {
      kind: doc.source.kind,
      detectedType: doc.source.detectedType,
      size: doc.source.size,
      ...(doc.source.filename ? { filename: doc.source.filename } : {}),
      ...(doc.source.declaredType ? { declaredType: doc.source.declaredType } : {}),
    },
    metadata: doc.metadata,
    labels: Object.fromEntries(
      Object.entries(labels).map(([task, label]) => [
        task,
        { label: label.label, by: label.by, at: label.at.toISOString(), revision: label.revision },
      ]),
    ),
    attempts: doc.attempts,
    ...(doc.error ? { error: doc.error } : {}),
    ...(doc.text !== undefined ? { textLength: doc.text.length } : {}),
    ...(doc.language ? { language: doc.language } : {}),
    createdAt: doc.createdAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
  };
}
