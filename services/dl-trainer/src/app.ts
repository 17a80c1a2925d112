import type { HttpApp, KeyVerifier } from '@mlops/http';
import type { Logger } from '@mlops/logger';
import { startOrphanFileSweeper } from '@mlops/mongo';
import { buildConnectedApp } from '@mlops/runtime';
import type { DlTrainerConfig } from './config.js';
import {
  openModelRegistry,
  registerAliasRoutes,
  registerArtifactRoutes,
  registerModelRoutes,
  registerReportRoutes,
  registerRunRoutes,
  registryCollections,
  startRegistryEventSweeper,
} from './registry/index.js';
import { ARTIFACT_BUCKET } from './registry/artifact-store.js';
import { dlTrainerTopology } from './topology.js';
import { startDispatchSweeper } from './training-jobs/dispatch-sweeper.js';
import { CheckpointStore } from './training/checkpoint.store.js';
import { DatasetClient } from './training/dataset.client.js';
import { createPipelineExecutor } from './training/pipeline.executor.js';
import type { TrainingExecutor } from './training-jobs/training-executor.js';
import { JobLeaseRepository, jobLeasesCollection } from './training-jobs/job-lease.repository.js';
import { JobOutboxRepository, jobOutboxCollection } from './training-jobs/job-outbox.repository.js';
import { TrainingJobRepository, trainingJobsCollection } from './training-jobs/training-job.repository.js';
import { startTrainingConsumer } from './training-jobs/training-requested.consumer.js';
import { registerStudies, studiesCollection } from './studies/index.js';
import {
  decisionsCollection,
  DecisionRepository,
  recordManualMove,
  registerRetraining,
  schedulesCollection,
  ticksCollection,
} from './retraining/index.js';
import { registerTrainingJobRoutes } from './training-jobs/training-jobs.route.js';

/** Parts a caller may replace: the logger, and the executor that does a job's work. */
export interface DlTrainerOverrides {
  readonly logger?: Logger;
  readonly executor?: TrainingExecutor;
  /** Checks callers' keys instead of asking feature-store (tests); production always asks. */
  readonly keyVerifier?: KeyVerifier;
}

/**
 * Builds dl-trainer: training-job API, `training.requested` consumer and dispatch sweeper, the
 * model registry and runs (`/v1/models`, `/v1/runs`), over MongoDB (GridFS) and RabbitMQ.
 */
export async function buildApp(config: DlTrainerConfig, overrides: DlTrainerOverrides = {}): Promise<HttpApp> {
  const { app, infrastructure, logger } = await buildConnectedApp({
    config,
    description: 'Training jobs, runs and the model registry.',
    logger: overrides.logger,
    keyVerifier: overrides.keyVerifier,
    mongo: config.mongo,
    amqpUrl: config.amqp.url,
    amqpConfirmTimeoutMs: config.amqp.confirmTimeoutMs,
    collections: [
      trainingJobsCollection,
      jobLeasesCollection,
      jobOutboxCollection,
      ...registryCollections,
      studiesCollection,
      schedulesCollection,
      ticksCollection,
      decisionsCollection,
    ],
    topology: dlTrainerTopology,
  });
  const { broker } = infrastructure;
  const { db } = infrastructure.mongo;
  const jobs = new TrainingJobRepository(db);
  const outbox = new JobOutboxRepository(db);
  registerTrainingJobRoutes(app, { broker, jobs, outbox });
  const registry = await openModelRegistry({ db, broker, logger, config: config.registry });
  registerModelRoutes(app, registry);
  await registerArtifactRoutes(app, registry);
  const decisions = new DecisionRepository(db);
  registerAliasRoutes(app, registry, (move) => recordManualMove(decisions, move));
  registerRunRoutes(app, registry);
  registerReportRoutes(app, registry);
  const datasets = new DatasetClient({
    baseUrl: config.featureStore.url,
    timeoutMs: config.featureStore.timeoutMs,
    apiKey: config.auth.apiKey,
  });
  await startTrainingConsumer({
    broker,
    jobs,
    leases: new JobLeaseRepository(db),
    executor:
      overrides.executor ??
      createPipelineExecutor({
        datasets,
        checkpoints: new CheckpointStore(db, logger),
        registry,
        broker,
        backend: config.training.backend,
        checkpointIntervalMs: config.training.checkpointIntervalMs,
        cancelRequested: async (jobId) => (await jobs.findById(jobId))?.cancelRequestedAt !== undefined,
      }),
    prefetch: config.training.workers,
    maxAttempts: config.training.maxAttempts,
    leaseMs: config.training.leaseMs,
  });
  const stopSweeper = startDispatchSweeper({ broker, outbox, logger }, config.training.dispatchSweepMs);
  const stopRegistrySweeper = startRegistryEventSweeper(registry, config.registry.eventSweepMs, logger);
  const stopOrphanSweep = startOrphanFileSweeper({
    db,
    bucket: ARTIFACT_BUCKET,
    logger,
    referenced: (ids) => registry.versions.referencedFiles(ids),
  });
  registerStudies(app, { db, broker, outbox, jobs, registry, logger, pollMs: config.studies.pollMs });
  registerRetraining(
    app,
    { db, broker, outbox, jobs, registry, datasets, decisions, logger },
    {
      featureStore: config.featureStore,
      reporter: config.reporter,
      inference: config.inference,
      apiKey: config.auth.apiKey,
      pollMs: config.retraining.pollMs,
      leaseMs: config.retraining.leaseMs,
    },
  );
  app.addHook('preClose', (done) => {
    stopSweeper();
    stopRegistrySweeper();
    stopOrphanSweep();
    done();
  });
  return app;
}
