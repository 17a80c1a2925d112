import { cachingVerifier, remoteVerifier, type HttpApp, type KeyVerifier } from '@mlops/http';
import type { Logger } from '@mlops/logger';
import { startOrphanFileSweeper } from '@mlops/mongo';
import { buildConnectedApp } from '@mlops/runtime';
import { registerCompareRoute } from './comparisons/compare.route.js';
import { RenderGate } from './comparisons/render-gate.js';
import type { ReporterConfig } from './config.js';
import { registerDashboard } from './dashboard/register-dashboard.js';
import { REPORT_FILES_BUCKET, ReportFiles, reportFilesCollection } from './files/report-files.js';
import { startRenderConsumer } from './run-reports/render-report.consumer.js';
import { ReportRepository, reportsCollection } from './run-reports/report.repository.js';
import { registerReportRoutes } from './run-reports/reports.route.js';
import { startTrainingCompletedConsumer } from './run-reports/training-completed.consumer.js';
import { TRAINING_COMPLETED_QUEUE, replicaTopology } from './topology.js';
import { liveQueueName } from './live/live-queue.js';
import { DEFAULT_LIVE_OPTIONS, startLiveFeed, type LiveOptions } from './live/live-feed.js';
import { createUpstreams } from './upstreams/upstreams.js';

/** Parts a caller may replace: the logger, and the gate comparison renders pass (tests hold it to see the 503). */
export interface ReporterOverrides {
  readonly logger?: Logger;
  readonly compareGate?: RenderGate;
  /** Checks callers' keys instead of asking feature-store (tests); production always asks. */
  readonly keyVerifier?: KeyVerifier;
  /** Limits and timings of the live training streams (tests shorten the heartbeat). */
  readonly live?: Partial<LiveOptions>;
}

/**
 * Builds reporter over MongoDB (report records, GridFS files) and RabbitMQ: renders a version's
 * run report after `training.completed` (work queue `reports.render`), serves it with its tables,
 * and renders comparison reports on demand.
 */
export async function buildApp(config: ReporterConfig, overrides: ReporterOverrides = {}): Promise<HttpApp> {
  const liveQueue = liveQueueName();
  const { app, infrastructure, logger } = await buildConnectedApp({
    config,
    description: 'PDF model reports and comparison reports.',
    logger: overrides.logger,
    keyVerifier: overrides.keyVerifier,
    mongo: config.mongo,
    amqpUrl: config.amqp.url,
    amqpConfirmTimeoutMs: config.amqp.confirmTimeoutMs,
    collections: [reportsCollection, reportFilesCollection],
    topology: replicaTopology(liveQueue),
  });
  const { broker } = infrastructure;
  const { db } = infrastructure.mongo;
  const reports = new ReportRepository(db);
  const files = new ReportFiles(db);
  const upstreams = createUpstreams({
    registry: config.registry,
    featureStore: config.featureStore,
    apiKey: config.auth.apiKey,
  });
  registerReportRoutes(app, { reports, files, upstreams, broker });
  registerCompareRoute(
    app,
    {
      files,
      upstreams,
      gate: overrides.compareGate ?? new RenderGate(config.compare.maxRenders, config.compare.maxWaiting),
      inFlight: new Map(),
    },
    config.compare.retryAfterSeconds,
  );
  await startRenderConsumer(
    {
      reports,
      files,
      upstreams,
      broker,
      publicUrl: config.publicUrl,
      timeoutMs: config.render.timeoutMs,
      maxAttempts: config.render.maxAttempts,
    },
    { prefetch: config.render.workers, retryDelayMs: config.render.retryDelayMs },
  );
  await registerDashboard(app, {
    verifier: cachingVerifier(
      overrides.keyVerifier ?? remoteVerifier({ baseUrl: config.auth.keyOwnerUrl, apiKey: config.auth.apiKey ?? '' }),
      { ttlMs: config.auth.keyCacheTtlMs },
    ),
    secureCookie: config.dashboard.secureCookie,
    upstreams: {
      'feature-store': config.featureStore.url,
      'dl-trainer': config.registry.url,
      inference: config.dashboard.inferenceUrl,
      nlp: config.dashboard.nlpUrl,
      reporter: `http://127.0.0.1:${config.http.port}`,
    },
  });
  await startTrainingCompletedConsumer({ broker, reports, upstreams }, TRAINING_COMPLETED_QUEUE);
  await startLiveFeed(app, { broker, upstreams, queue: liveQueue, ...DEFAULT_LIVE_OPTIONS, ...overrides.live });
  const stopOrphanSweep = startOrphanFileSweeper({
    db,
    bucket: REPORT_FILES_BUCKET,
    logger,
    filter: { 'metadata.kind': { $in: ['run-pdf', 'run-tables'] } },
    referenced: (ids) => reports.referencedFiles(ids),
  });
  app.addHook('preClose', (done) => {
    stopOrphanSweep();
    done();
  });
  return app;
}
