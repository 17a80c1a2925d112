import {
  pageQuerySchema,
  pageSchema,
  problemSchema,
  trainingJobListQuerySchema,
  trainingJobParamsSchema,
  trainingJobRequestSchema,
  trainingJobSchema,
} from '@mlops/contracts';
import { parseOrThrow, positionAfter, toPage, type HttpApp } from '@mlops/http';
import { trainingOptionsSchema } from '@mlops/ml';
import { trainerErrors } from '../errors.js';
import { submitTrainingJob, type DispatchDeps } from './submit-training-job.usecase.js';
import { toTrainingJob, type TrainingJobRepository } from './training-job.repository.js';

const listQuerySchema = pageQuerySchema.extend(trainingJobListQuerySchema.shape);

/** `/v1/training-jobs`: submit a job, read one, list them. */
export function registerTrainingJobRoutes(app: HttpApp, deps: DispatchDeps & { jobs: TrainingJobRepository }): void {
  app.post(
    '/v1/training-jobs',
    {
      schema: {
        tags: ['training-jobs'],
        summary: 'Queue a training job',
        description:
          'Validates `config` (the TrainingConfig sections, see wiki/Training.md; 400 names the field under `/body/config`), stores the job with its config resolved (defaults applied) and publishes `training.requested` with publisher confirms. Answers 202 with the queued job.',
        body: trainingJobRequestSchema,
        response: { 202: trainingJobSchema, 400: problemSchema, 413: problemSchema, 415: problemSchema },
      },
    },
    async (request, reply) => {
      const config = parseOrThrow(trainingOptionsSchema, request.body.config, '/body/config');
      const resolved = { ...request.body, config: JSON.parse(JSON.stringify(config)) as Record<string, unknown> };
      const job = await submitTrainingJob({ ...deps, logger: request.log }, resolved, request.id);
      return reply.code(202).header('location', `/v1/training-jobs/${job._id}`).send(toTrainingJob(job));
    },
  );

  app.get(
    '/v1/training-jobs/:id',
    {
      schema: {
        tags: ['training-jobs'],
        summary: 'Get a training job',
        params: trainingJobParamsSchema,
        response: { 200: trainingJobSchema, 400: problemSchema, 404: problemSchema },
      },
    },
    async (request) => {
      const job = await deps.jobs.findById(request.params.id);
      if (!job) throw trainerErrors.jobNotFound(`no training job ${request.params.id}`);
      return toTrainingJob(job);
    },
  );

  app.get(
    '/v1/training-jobs',
    {
      schema: {
        tags: ['training-jobs'],
        summary: 'List training jobs, newest first',
        querystring: listQuerySchema,
        response: { 200: pageSchema(trainingJobSchema), 400: problemSchema },
      },
    },
    async (request) => {
      const { limit, cursor, status, modelName } = request.query;
      const docs = await deps.jobs.list({ status, modelName, limit: limit + 1, after: positionAfter(cursor) });
      return toPage(docs, limit, toTrainingJob, (job) => ({ createdAt: job.createdAt, id: job._id }));
    },
  );

  app.post(
    '/v1/training-jobs/:id(^[^:/]+)::cancel',
    {
      schema: {
        tags: ['training-jobs'],
        summary: 'Cancel a training job',
        description:
          'A queued job ends `cancelled` at once; a running one stops after its current epoch (no model is registered). 409 for a finished job.',
        params: trainingJobParamsSchema,
        response: { 202: trainingJobSchema, 400: problemSchema, 404: problemSchema, 409: problemSchema },
      },
    },
    async (request, reply) => {
      const job = await deps.jobs.requestCancel(request.params.id);
      if (!job) throw trainerErrors.jobNotFound(`no training job ${request.params.id}`);
      if (job.status === 'succeeded' || job.status === 'failed') {
        throw trainerErrors.jobFinished(`training job ${job._id} is ${job.status}`);
      }
      return reply.code(202).send(toTrainingJob(job));
    },
  );
}
