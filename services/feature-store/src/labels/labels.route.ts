import { featureStoreRoutes } from '@mlops/contracts';
import { callerOf, registerRoute, type HttpApp } from '@mlops/http';
import { toDocumentView } from '../documents/document-views.js';
import type { DocumentRepository } from '../documents/document.repository.js';
import type { LabelRepository } from './label.repository.js';
import { featureStoreErrors } from '../errors.js';

const routes = featureStoreRoutes.labels;

/** Labels per task: set one (`PUT /v1/documents/{id}/labels/{task}`) or many (`POST /v1/labels`), with who (the key's owner) and when. */
export function registerLabelRoutes(
  app: HttpApp,
  deps: { documents: DocumentRepository; labels: LabelRepository },
): void {
  registerRoute(app, routes.set, async (request) => {
    const { id, task } = request.params;
    const by = callerOf(request).owner;
    const document = await deps.documents.findById(id);
    if (!document) throw featureStoreErrors.documentNotFound(`no document ${id}`);
    await deps.labels.set(id, task, { label: request.body.label, by, at: new Date() });
    return toDocumentView(document, (await deps.labels.of([id])).get(id));
  });

  registerRoute(app, routes.setMany, async (request) => {
    const { task, items } = request.body;
    const by = callerOf(request).owner;
    const existing = await deps.documents.existing(items.map((item) => item.documentId));
    const at = new Date();
    let updated = 0;
    for (const item of items) {
      if (!existing.has(item.documentId)) continue;
      await deps.labels.set(item.documentId, task, { label: item.label, by, at });
      updated += 1;
    }
    return {
      updated,
      missing: items.filter((item) => !existing.has(item.documentId)).map((item) => item.documentId),
    };
  });
}
