import { featureStoreRoutes } from '@mlops/contracts';
import { defineError, registerRoute, type HttpApp } from '@mlops/http';
import { toDocumentView } from '../documents/document-views.js';
import type { DocumentRepository } from '../documents/document.repository.js';
import type { LabelRepository } from '../labels/label.repository.js';
import { featureStoreErrors } from '../errors.js';

const notFailed = defineError('DOCUMENT_NOT_FAILED', 409, 'Only a failed document can be retried');

/**
 * `POST /v1/documents/{id}:retry`: sends a failed document through processing again. Idempotent:
 * a document already back in processing (`received`, `processing`) answers 202 as it is, without
 * a second dispatch; a `ready` one answers 409.
 */
export function registerRetryRoute(
  app: HttpApp,
  deps: {
    documents: DocumentRepository;
    labels: LabelRepository;
    dispatch: (documentId: string, requestId?: string) => Promise<void>;
  },
): void {
  registerRoute(app, featureStoreRoutes.processing.retry, async (request, reply) => {
    const { id } = request.params;
    if (await deps.documents.resetFailed(id)) await deps.dispatch(id, request.id);
    const document = await deps.documents.findById(id);
    if (!document) throw featureStoreErrors.documentNotFound(`no document ${id}`);
    if (document.status === 'ready') throw notFailed(`document ${id} is ready`);
    return reply.code(202).send(toDocumentView(document, (await deps.labels.of([id])).get(id)));
  });
}
