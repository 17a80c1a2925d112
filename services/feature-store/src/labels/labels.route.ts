import { featureStoreRoutes, type LabelConflict } from '@mlops/contracts';
import { callerOf, defineError, registerRoute, type HttpApp } from '@mlops/http';
import { toDocumentView } from '../documents/document-views.js';
import type { DocumentRepository } from '../documents/document.repository.js';
import type { LabelRepository, RevisedLabel } from './label.repository.js';
import { featureStoreErrors } from '../errors.js';

const labelConflict = defineError('LABEL_CONFLICT', 409, 'The label was changed by someone else');

/** The 409 problem of a stale label write, with the label as it is now (labelConflictSchema). */
function conflictProblem(
  target: { id: string; task: string; expected: number; requestId: string; instance: string },
  current: RevisedLabel | null,
): LabelConflict {
  const now = current
    ? `is now "${current.label}" (revision ${current.revision}), set by ${current.by} at ${current.at.toISOString()}`
    : 'has no label';
  const pointer = '/body/expectedRevision';
  const error = labelConflict(
    `the label of task ${target.task} on document ${target.id} ${now}; this write expected revision ${target.expected}`,
    [{ pointer, message: `the label is at revision ${current?.revision ?? 0}` }],
  );
  return {
    type: 'https://mlops.local/problems/label-conflict',
    title: error.title,
    status: error.statusCode,
    detail: error.message,
    instance: target.instance,
    code: error.code,
    requestId: target.requestId,
    errors: [...(error.fieldErrors ?? [])],
    current: current
      ? { label: current.label, by: current.by, at: current.at.toISOString(), revision: current.revision }
      : null,
  };
}

const routes = featureStoreRoutes.labels;

/** Labels per task: set one (`PUT /v1/documents/{id}/labels/{task}`) or many (`POST /v1/labels`), with who (the key's owner) and when. */
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
          { id, task, expected: expectedRevision, requestId: request.id, instance: request.url },
          outcome.current,
        );
        // Sent as text: the route's serialiser (problemSchema) would drop the `current` member.
        return reply.code(409).type('application/problem+json').send(JSON.stringify(problem));
      }
    }
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
