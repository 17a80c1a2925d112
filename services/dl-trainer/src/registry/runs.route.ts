import {
  pageQuerySchema,
  pageSchema,
  problemSchema,
  trainingRunListQuerySchema,
  trainingRunParamsSchema,
  trainingRunSchema,
} from '@mlops/contracts';
import { positionAfter, toPage, type HttpApp } from '@mlops/http';
import type { ModelRegistry } from './model-registry.js';
import { registryErrors } from './registry-errors.js';
import { toTrainingRun } from './training-run.repository.js';

const listQuerySchema = pageQuerySchema.extend(trainingRunListQuerySchema.shape);

/** `/v1/runs`: training runs with their config, epochs, evaluation, environment and timings. */
export function registerRunRoutes(app: HttpApp, registry: ModelRegistry): void {
  app.get(
    '/v1/runs',
    {
      schema: {
        tags: ['runs'],
        summary: 'List training runs, newest first',
        querystring: listQuerySchema,
        response: { 200: pageSchema(trainingRunSchema), 400: problemSchema },
      },
    },
    async (request) => {
      const { limit, cursor, modelName, jobId, status } = request.query;
      const docs = await registry.runs.list({
        modelName,
        jobId,
        status,
        limit: limit + 1,
        after: positionAfter(cursor),
      });
      return toPage(docs, limit, toTrainingRun, (run) => ({ createdAt: run.createdAt, id: run._id }));
    },
  );

  app.get(
    '/v1/runs/:id',
    {
      schema: {
        tags: ['runs'],
        summary: 'Get a training run',
        params: trainingRunParamsSchema,
        response: { 200: trainingRunSchema, 400: problemSchema, 404: problemSchema },
      },
    },
    async (request) => {
      const run = await registry.runs.findById(request.params.id);
      if (!run) throw registryErrors.runNotFound(`no training run ${request.params.id}`);
      return toTrainingRun(run);
    },
  );
}
