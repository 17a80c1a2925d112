import type { HttpApp } from '@mlops/http';
import type { Logger } from '@mlops/logger';
import { buildConnectedApp } from '@mlops/runtime';
import type { DlTrainerConfig } from './config.js';
import { dlTrainerTopology } from './topology.js';
import { startDispatchSweeper } from './training-jobs/dispatch-sweeper.js';
import { pipelineMissingExecutor, type TrainingExecutor } from './training-jobs/training-executor.js';
import { JobLeaseRepository, jobLeasesCollection } from './training-jobs/job-lease.repository.js';
import { JobOutboxRepository, jobOutboxCollection } from './training-jobs/job-outbox.repository.js';
import { TrainingJobRepository, trainingJobsCollection } from './training-jobs/training-job.repository.js';
import { startTrainingConsumer } from './training-jobs/training-requested.consumer.js';
import { registerTrainingJobRoutes } from './training-jobs/training-jobs.route.js';

/** Parts a caller may replace: the logger, and the executor that does a job's work. */
export interface DlTrainerOverrides {
  readonly logger?: Logger;
  readonly executor?: TrainingExecutor;
}

/** Builds dl-trainer: training-job API, `training.requested` consumer and dispatch sweeper, over MongoDB and RabbitMQ. */
export async function buildApp(config: DlTrainerConfig, overrides: DlTrainerOverrides = {}): Promise<HttpApp> {
  const { app, infrastructure, logger } = await buildConnectedApp({
    config,
    description: 'Training jobs, runs and the model registry.',
    logger: overrides.logger,
    mongo: config.mongo,
    amqpUrl: config.amqp.url,
    collections: [trainingJobsCollection, jobLeasesCollection, jobOutboxCollection],
    topology: dlTrainerTopology,
  });
  const { broker } = infrastructure;
  const { db } = infrastructure.mongo;
  const jobs = new TrainingJobRepository(db);
  const outbox = new JobOutboxRepository(db);
  registerTrainingJobRoutes(app, { broker, jobs, outbox });
  await startTrainingConsumer({
    broker,
    jobs,
    leases: new JobLeaseRepository(db),
    executor: overrides.executor ?? pipelineMissingExecutor,
    prefetch: config.training.workers,
    maxAttempts: config.training.maxAttempts,
    leaseMs: config.training.leaseMs,
  });
  const stopSweeper = startDispatchSweeper({ broker, outbox, logger }, config.training.dispatchSweepMs);
  app.addHook('preClose', (done) => {
    stopSweeper();
    done();
  });
  return app;
}
