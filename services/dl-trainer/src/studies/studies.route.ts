import { studyRoutes as routes } from '@mlops/contracts';
import { positionAfter, registerRoute, toPage, type HttpApp } from '@mlops/http';
import { createStudy } from './create-study.usecase.js';
import { studyErrors } from './study-errors.js';
import type { StudyRepository } from './study.repository.js';
import { toStudy, toStudySummary } from './study-view.js';

/** `/v1/studies`: start a study, list them, read one (trial table, best trial, importances), cancel one. */
export function registerStudyRoutes(app: HttpApp, deps: { studies: StudyRepository; wake: () => void }): void {
  registerRoute(app, routes.create, async (request, reply) => {
    const doc = await createStudy(deps.studies, request.body);
    deps.wake();
    return reply.code(201).header('location', `/v1/studies/${doc._id}`).send(toStudy(doc));
  });

  registerRoute(app, routes.list, async (request) => {
    const { limit, cursor } = request.query;
    const docs = await deps.studies.list(limit + 1, positionAfter(cursor));
    return toPage(docs, limit, toStudySummary, (doc) => ({ createdAt: doc.createdAt, id: doc._id }));
  });

  registerRoute(app, routes.get, async (request) => {
    const doc = await deps.studies.findById(request.params.id);
    if (!doc) throw studyErrors.notFound(`no study ${request.params.id}`);
    return toStudy(doc);
  });

  registerRoute(app, routes.cancel, async (request, reply) => {
    const cancelled = await deps.studies.requestCancel(request.params.id);
    if (cancelled) {
      deps.wake();
      return reply.code(202).send(toStudy(cancelled));
    }
    const doc = await deps.studies.findById(request.params.id);
    if (!doc) throw studyErrors.notFound(`no study ${request.params.id}`);
    throw studyErrors.finished(`study ${doc._id} is ${doc.status}`);
  });
}
