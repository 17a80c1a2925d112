import { trainingJobRoutes as routes } from '@mlops/contracts';
import { callerOf, parseOrThrow, positionAfter, registerRoute, toPage, type HttpApp } from '@mlops/http';
import { trainingOptionsSchema } from '@mlops/ml';
import { trainerErrors } from '../errors.js';
import { submitTrainingJob, type DispatchDeps } from './submit-training-job.usecase.js';
import { toTrainingJob, type TrainingJobRepository } from './training-job.repository.js';

/** A job's `config` resolved (defaults applied) as plain JSON, or the 400 naming its field under `/body/config`. */
function resolvedConfig(config: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(parseOrThrow(trainingOptionsSchema, config, '/body/config'))) as Record<
    string,
    unknown
  >;
}

/** `/v1/training-jobs`: submit a job, check a config, read one, list them, cancel one. */
export function registerTrainingJobRoutes(app: HttpApp, deps: DispatchDeps & { jobs: TrainingJobRepository }): void {
  registerRoute(app, routes.submit, async (request, reply) => {
    const resolved = {
      ...request.body,
      config: resolvedConfig(request.body.config),
      requestedBy: callerOf(request).owner,
    };
    const job = await submitTrainingJob({ ...deps, logger: request.log }, resolved, request.id);
    return reply.code(202).header('location', `/v1/training-jobs/${job._id}`).send(toTrainingJob(job));
  });

  registerRoute(app, routes.validate, (request) => Promise.resolve({ config: resolvedConfig(request.body.config) }));

  registerRoute(app, routes.get, async (request) => {
    const job = await deps.jobs.findById(request.params.id);
    if (!job) throw trainerErrors.jobNotFound(`no training job ${request.params.id}`);
    return toTrainingJob(job);
  });

  registerRoute(app, routes.list, async (request) => {
    const { limit, cursor, status, modelName } = request.query;
    const docs = await deps.jobs.list({ status, modelName, limit: limit + 1, after: positionAfter(cursor) });
    return toPage(docs, limit, toTrainingJob, (job) => ({ createdAt: job.createdAt, id: job._id }));
  });

  registerRoute(app, routes.cancel, async (request, reply) => {
    const job = await deps.jobs.requestCancel(request.params.id);
    if (!job) throw trainerErrors.jobNotFound(`no training job ${request.params.id}`);
    if (job.status === 'succeeded' || job.status === 'failed') {
      throw trainerErrors.jobFinished(`training job ${job._id} is ${job.status}`);
    }
    return reply.code(202).send(toTrainingJob(job));
  });
}
