import type { HttpApp, KeyVerifier } from '@mlops/http';
import type { Logger } from '@mlops/logger';
import { buildConnectedApp, startPeriodicTask } from '@mlops/runtime';
import type { InferenceConfig } from './config.js';
import { createPredictionMonitor, monitoringCollections } from './monitoring/prediction-monitor.js';
import { createRecognitionClient } from './documents/recognition.client.js';
import { createRegistryClient } from './registry/registry-client.js';
import { registerModelRoutes } from './routes/models.route.js';
import { registerMonitoringRoutes } from './routes/monitoring.route.js';
import { registerPredictDocumentRoute } from './routes/predict-document.route.js';
import { registerPredictRoutes } from './routes/predict.route.js';
import { registerRolloutRoutes } from './routes/rollout.route.js';
import { createRollouts, rolloutCollections } from './rollout/rollouts.js';
import { ModelWorkerPool } from './serving/model-worker-pool.js';
import { ModelServer } from './serving/model-server.js';
import { OffPathScorer } from './serving/off-path-scorer.js';
import { addModelsReadiness } from './serving/models-readiness.js';
import { requireServed, type RoutedPredictContext } from './serving/predict.usecase.js';
import { PredictionEvents, type PredictionListener } from './serving/prediction-events.js';
import { startPromotionConsumer } from './serving/promotion.consumer.js';
import { createServingMetrics } from './serving/serving-metrics.js';
import { VersionComparisonTracker } from './serving/version-comparison.js';
import { inferenceTopology } from './topology.js';

/** Parts a caller may replace or add. */
export interface InferenceOverrides {
  readonly logger?: Logger;
  /** Called after every answered predict request (monitoring hooks in here). */
  readonly predictionListeners?: readonly PredictionListener[];
  /** Checks callers' keys instead of asking feature-store (tests); production always asks. */
  readonly keyVerifier?: KeyVerifier;
}

/** What `buildApp` returns besides the app: the served models and the prediction listeners. */
export interface InferenceApp {
  readonly app: HttpApp;
  readonly models: ModelServer;
  readonly predictions: PredictionEvents;
}

/**
 * Builds inference and its parts: the model server (production versions loaded from the registry
 * in the background, `/readyz` down until they are), the promotion consumer, a periodic resync
 * that catches a missed event or a registry that was down at boot, and the predict routes.
 */
export async function buildInference(
  config: InferenceConfig,
  overrides: InferenceOverrides = {},
): Promise<InferenceApp> {
  const { app, infrastructure, logger } = await buildConnectedApp({
    config,
    description: 'Serves production models over REST with micro-batching and hot swap.',
    logger: overrides.logger,
    keyVerifier: overrides.keyVerifier,
    mongo: config.mongo,
    amqpUrl: config.amqp.url,
    amqpConfirmTimeoutMs: config.amqp.confirmTimeoutMs,
    collections: [...monitoringCollections, ...rolloutCollections],
    topology: inferenceTopology(config.models.promotionQueue),
  });
  const metrics = createServingMetrics(app.metrics);
  const predictions = new PredictionEvents(logger, overrides.predictionListeners);
  const registry = createRegistryClient({
    baseUrl: config.registry.url,
    timeoutMs: config.registry.timeoutMs,
    apiKey: config.auth.apiKey,
  });
  const { threadMaxHeapMb } = config.models;
  const workers = new ModelWorkerPool(1, threadMaxHeapMb > 0 ? { maxOldGenerationSizeMb: threadMaxHeapMb } : undefined);
  const models: ModelServer = new ModelServer({
    registry,
    cacheDir: config.models.cacheDir,
    cacheLimits: config.models.cacheLimits,
    served: config.models.served,
    onDemandMax: config.models.onDemandMax,
    logger,
    load: {
      onnx: config.onnx,
      batching: config.batching,
      warmupPredictions: config.models.warmupPredictions,
      workers,
      execution: config.models.execution,
      onBatch: (model, report) => metrics.observeBatch(model.name, model.version, report),
    },
    onLoadedChanged: () => {
      const entries = models
        .list()
        .flatMap(({ model, aliases }) =>
          (aliases.length > 0 ? aliases : ['']).map((alias) => ({ model: model.name, version: model.version, alias })),
        );
      metrics.setLoaded(entries);
    },
  });
  const comparison = new VersionComparisonTracker();
  const rollouts = createRollouts({
    app,
    settings: config.rollout,
    db: infrastructure.mongo.db,
    broker: infrastructure.broker,
    registry,
    requireServed: (model) => requireServed(models, model),
    logger,
  });
  predictions.subscribe(rollouts.recorder.observe);
  predictions.subscribe((event) => comparison.observe(event));
  const offPath = new OffPathScorer({
    server: models,
    events: predictions,
    comparison,
    maxInFlightTexts: config.traffic.shadowMaxInFlightTexts,
    logger,
    observer: rollouts.recorder,
  });
  addModelsReadiness(app, models);
  const monitor = createPredictionMonitor({
    settings: config.monitoring,
    db: infrastructure.mongo.db,
    broker: infrastructure.broker,
    registry: app.metrics,
    logger,
    loaded: () => models.list(),
  });
  predictions.subscribe(monitor.listener);
  app.addHook('onClose', () => monitor.close());
  registerMonitoringRoutes(app, models, monitor);
  registerModelRoutes(app, models, comparison, config.traffic.canaryShare);
  const rolloutService = rollouts.start(monitor);
  registerRolloutRoutes(app, rolloutService);
  const predictContext: RoutedPredictContext = {
    metrics,
    events: predictions,
    maxTextChars: config.limits.maxTextChars,
    split: { canaryShare: config.traffic.canaryShare, shareFor: rollouts.recorder.shareFor },
    afterAnswer: (answered) => offPath.copy(answered),
    onModelError: rollouts.recorder.modelError,
  };
  const { routingKeyHeader } = config.traffic;
  registerPredictRoutes(app, models, predictContext, {
    maxTexts: config.limits.maxTextsPerRequest,
    routingKeyHeader,
  });
  const recognition = createRecognitionClient({
    baseUrl: config.recognition.url,
    timeoutMs: config.recognition.timeoutMs,
    apiKey: config.auth.apiKey,
  });
  await registerPredictDocumentRoute(
    app,
    models,
    { ...predictContext, recognition, maxDocumentBytes: config.recognition.maxDocumentBytes },
    routingKeyHeader,
  );
  await startPromotionConsumer(infrastructure.broker, config.models.promotionQueue, models);
  void models.syncAll();
  const stopResync = startPeriodicTask('models-resync', () => models.syncAll(), config.models.resyncMs, logger);
  app.addHook('preClose', (done) => {
    stopResync();
    done();
  });
  app.addHook('onClose', async () => {
    await models.close();
    await workers.close();
  });
  // onClose hooks run last registered first: off-path copies finish, then the models and the monitor close.
  app.addHook('onClose', () => offPath.close());
  return { app, models, predictions };
}

/** Builds inference over MongoDB, RabbitMQ and the model registry. */
export async function buildApp(config: InferenceConfig, overrides: InferenceOverrides = {}): Promise<HttpApp> {
  return (await buildInference(config, overrides)).app;
}
