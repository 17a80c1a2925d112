import { featureStoreRoutes } from '@mlops/contracts';
import { defineError, registerRoute, type HttpApp } from '@mlops/http';
import { toDocumentView } from '../documents/document-views.js';
import type { DocumentRepository } from '../documents/document.repository.js';
import { featureStoreErrors } from '../errors.js';

const notFailed = defineError('DOCUMENT_NOT_FAILED', 409, 'Only a failed document can be retried');

/** `POST /v1/documents/{id}:retry`: sends a failed document through processing again. */
export function registerRetryRoute(
  app: HttpApp,
  deps: { documents: DocumentRepository; dispatch: (documentId: string, requestId?: string) => Promise<void> },
): void {
  registerRoute(app, featureStoreRoutes.processing.retry, async (request, reply) => {
    const { id } = request.params;
    if (!(await deps.documents.resetFailed(id))) {
      const existing = await deps.documents.findById(id);
      if (!existing) throw featureStoreErrors.documentNotFound(`no document ${id}`);
      throw notFailed(`document ${id} is ${existing.status}`);
    }
    await deps.dispatch(id, request.id);
    const document = await deps.documents.findById(id);
    if (!document) throw featureStoreErrors.documentNotFound(`no document ${id}`);
    return reply.code(202).send(toDocumentView(document));
  });
}
