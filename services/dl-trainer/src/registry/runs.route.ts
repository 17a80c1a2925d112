import { registryRoutes } from '@mlops/contracts';
import { positionAfter, registerRoute, toPage, type HttpApp } from '@mlops/http';
import type { ModelRegistry } from './model-registry.js';
import { registryErrors } from '../errors.js';
import { toTrainingRun } from './training-run.repository.js';

const routes = registryRoutes.runs;

/** `/v1/runs`: training runs with their config, epochs, evaluation, environment and timings. */
export function registerRunRoutes(app: HttpApp, registry: ModelRegistry): void {
  registerRoute(app, routes.list, async (request) => {
    const { limit, cursor, modelName, jobId, status } = request.query;
    const docs = await registry.runs.list({
      modelName,
      jobId,
      status,
      limit: limit + 1,
      after: positionAfter(cursor),
    });
    return toPage(docs, limit, toTrainingRun, (run) => ({ createdAt: run.createdAt, id: run._id }));
  });

  registerRoute(app, routes.get, async (request) => {
    const run = await registry.runs.findById(request.params.id);
    if (!run) throw registryErrors.runNotFound(`no training run ${request.params.id}`);
    return toTrainingRun(run);
  });
}
