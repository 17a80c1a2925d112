import { featureStoreRoutes } from '@mlops/contracts';
import { callerOf, registerRoute, type HttpApp } from '@mlops/http';
import { toDocumentView } from '../documents/document-views.js';
import type { DocumentRepository } from '../documents/document.repository.js';
import { conflictProblem } from './label-conflict.js';
import type { LabelRepository } from './label.repository.js';
import { featureStoreErrors } from '../errors.js';

const routes = featureStoreRoutes.labels;

/** Labels per task: set one (`PUT /v1/documents/{id}/labels/{task}`), many (`POST /v1/labels`), or remove one (`DELETE`), with who (the key's owner) and when. */
export function registerLabelRoutes(
  app: HttpApp,
  deps: { documents: DocumentRepository; labels: LabelRepository },
): void {
  registerRoute(app, routes.set, async (request, reply) => {
    const { id, task } = request.params;
    const { label, expectedRevision } = request.body;
    const by = callerOf(request).owner;
    const document = await deps.documents.findById(id);
    if (!document) throw featureStoreErrors.documentNotFound(`no document ${id}`);
    const written = { label, by, at: new Date() };
    if (expectedRevision === undefined) await deps.labels.set(id, task, written);
    else {
      const outcome = await deps.labels.setIfRevision(id, task, written, expectedRevision);
      if (!outcome.written) {
        const problem = conflictProblem(
          { id, task, expected: expectedRevision, pointer: '/body/expectedRevision', request },
          outcome.current,
        );
        // Sent as text: the route's serialiser (problemSchema) would drop the `current` member.
        return reply.code(409).type('application/problem+json').send(JSON.stringify(problem));
      }
    }
    return toDocumentView(document, (await deps.labels.of([id])).get(id));
  });

  registerRoute(app, routes.remove, async (request, reply) => {
    const { id, task } = request.params;
    const { expectedRevision } = request.query;
    const document = await deps.documents.findById(id);
    if (!document) throw featureStoreErrors.documentNotFound(`no document ${id}`);
    const outcome = await deps.labels.remove(id, task, expectedRevision);
    if (!outcome.written) {
      const problem = conflictProblem(
        { id, task, expected: expectedRevision ?? 0, pointer: '/querystring/expectedRevision', request },
        outcome.current,
      );
      return reply.code(409).type('application/problem+json').send(JSON.stringify(problem));
    }
    request.log.info({ documentId: id, task, by: callerOf(request).owner }, 'label removed');
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
