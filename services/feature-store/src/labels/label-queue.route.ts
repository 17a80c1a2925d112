import { featureStoreRoutes } from '@mlops/contracts';
import { registerRoute, type HttpApp } from '@mlops/http';
import { buildLabelQueue, type LabelQueueDeps } from './label-queue.usecase.js';

/** `GET /v1/tasks/{task}/queue`: the documents of a task waiting for a label (labelling and active learning). */
export function registerLabelQueueRoute(app: HttpApp, deps: LabelQueueDeps): void {
  registerRoute(app, featureStoreRoutes.labels.queue, (request) =>
    buildLabelQueue(deps, request.params.task, request.query, {
      authorization: request.headers.authorization,
      requestId: request.id,
    }),
  );
}
