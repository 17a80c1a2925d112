import type { z } from 'zod';
import {
  EVENTS,
  modelDriftDetectedEventSchema,
  type accuracyResponseSchema,
  type DriftResponse,
} from '@mlops/contracts';
import type { Logger } from '@mlops/logger';
import type { Broker } from '@mlops/messaging';
import type { IndexedCollection } from '@mlops/mongo';
import { startPeriodicTask } from '@mlops/runtime';
import type { Db } from 'mongodb';
import type { Registry } from 'prom-client';
import type { InferenceConfig } from '../config.js';
import type { LoadedModel } from '../serving/loaded-model.js';
import type { PredictionListener } from '../serving/prediction-events.js';
import { DriftAlerts } from './drift-alerts.js';
import { DriftTracker } from './drift-tracker.js';
import { liveAccuracy } from './live-accuracy.js';
import { createMonitoringMetrics } from './monitoring-metrics.js';
import { MonitoredVersions } from './monitored-versions.js';
import { MonitoringIntake } from './monitoring-intake.js';
import { PredictionLogWriter } from './prediction-log-writer.js';
import {
  loggedVersionsCollection,
  predictionLogCollection,
  PredictionLogRepository,
} from './prediction-log.repository.js';
import { createPredictionSampler } from './prediction-sampler.js';
import { recordFeedback } from './record-feedback.usecase.js';

/** The collections of the prediction log, for `buildConnectedApp`. */
export const monitoringCollections: readonly IndexedCollection[] = [predictionLogCollection, loggedVersionsCollection];

/** Period of the retention sweep (FerretDB 1.24 refuses TTL indexes, so expired documents are deleted by it). */
const RETENTION_SWEEP_MS = 60 * 60_000;
const DAY_MS = 24 * 60 * 60_000;

/** What monitoring is built from. */
export interface MonitorDeps {
  readonly settings: InferenceConfig['monitoring'];
  readonly db: Db;
  readonly broker: Broker;
  readonly registry: Registry;
  readonly logger: Logger;
  /** The versions loaded now, with the aliases they serve under (`ModelServer.list`). */
  readonly loaded: () => readonly { readonly model: LoadedModel; readonly aliases: readonly string[] }[];
}

/** Prediction log, feedback, live accuracy and drift of the served models. */
export interface PredictionMonitor {
  /** Subscribe it to the app's prediction events. */
  readonly listener: PredictionListener;
  recordFeedback(
    predictionId: string,
    body: { label: string; source?: string | undefined },
  ): ReturnType<typeof recordFeedback>;
  accuracy(model: string, since: Date | undefined): Promise<z.infer<typeof accuracyResponseSchema>>;
  drift(model: string): DriftResponse;
  /** Measures what is queued, writes the log's buffer and stops the timers. */
  close(): Promise<void>;
}

/** Builds monitoring: the listener, the log writer, the drift windows and alerts, the retention sweep. */
export function createPredictionMonitor(deps: MonitorDeps): PredictionMonitor {
  const { settings, logger } = deps;
  const metrics = createMonitoringMetrics(deps.registry);
  const repository = new PredictionLogRepository(deps.db);
  const writer = new PredictionLogWriter(repository, {
    maxBuffered: settings.log.maxBuffered,
    flushMs: settings.log.flushMs,
    onWritten: (model, count) => metrics.logged(model, count),
    onDropped: (model, count, reason) => metrics.dropped(model, count, reason),
    logger,
  });
  const drift = new DriftTracker(settings.drift);
  const alerts = new DriftAlerts({
    threshold: settings.drift.thresholds.drift,
    cooldownMs: settings.drift.eventCooldownMs,
    logger,
    publish: async (event) => {
      await deps.broker.publishEvent(EVENTS.modelDriftDetected, modelDriftDetectedEventSchema, event, {
        messageId: `${EVENTS.modelDriftDetected}:${event.model}:${event.version}:${event.traffic}:${event.statistic}:${Date.parse(event.detectedAt)}`,
      });
    },
  });
  const versions = new MonitoredVersions(() => deps.loaded().map((entry) => entry.model));
  const intake = new MonitoringIntake({
    maxPendingTexts: settings.maxPendingTexts,
    sample: createPredictionSampler({
      rate: settings.log.sampleRate,
      maxTextsPerSecond: settings.log.maxTextsPerSecond,
      onCapped: (model, texts) => metrics.capped(model, texts),
    }),
    versions,
    drift,
    writer,
    content: { rawText: settings.log.rawText, topK: settings.log.topK },
    onFailed: (event, error) =>
      logger.error(
        { err: error, model: event.model, version: event.version, requestId: event.requestId },
        'a prediction could not be monitored; it is dropped',
      ),
    afterSlice: () => {
      const loaded = versions.retain();
      drift.retain(loaded);
      alerts.retain(loaded);
      const assessments = drift.assessAll();
      metrics.setDrift(assessments);
      alerts.evaluate(assessments);
    },
    onDropped: (model, texts, sampled) => {
      metrics.driftSkipped(model, texts);
      if (sampled) metrics.dropped(model, texts, 'queue-full');
    },
  });
  const sweep = async (): Promise<void> => {
    const deleted = await repository.deleteBefore(new Date(Date.now() - settings.log.ttlDays * DAY_MS));
    if (deleted > 0)
      logger.info({ deleted, ttlDays: settings.log.ttlDays }, 'prediction log: expired documents deleted');
  };
  const stopSweep = startPeriodicTask('prediction-log-retention', sweep, RETENTION_SWEEP_MS, logger);
  void sweep().catch((error: unknown) => logger.warn({ err: error }, 'prediction log retention sweep failed'));
  return {
    listener: intake.listener,
    recordFeedback: async (predictionId, body) => {
      const result = await recordFeedback(
        {
          repository,
          flushLog: () => {
            intake.drainNow();
            return writer.flush();
          },
          sampleRate: settings.log.sampleRate,
          maxTextsPerSecond: settings.log.maxTextsPerSecond,
        },
        predictionId,
        body,
      );
      metrics.feedback(result.model, result.outcome);
      return result;
    },
    accuracy: async (model, since) => ({
      model,
      since: since ? since.toISOString() : null,
      versions: liveAccuracy(await repository.counts(model, since)),
      computedAt: new Date().toISOString(),
    }),
    drift: (model) => {
      for (const { model: loaded, aliases } of deps.loaded()) {
        const version = loaded.name === model ? versions.lookup(model, loaded.version) : undefined;
        const traffic = aliases.includes('shadow') ? 'shadow' : 'served';
        if (version) drift.ensure({ model, version: loaded.version, traffic }, () => version.reference);
      }
      return drift.report(model);
    },
    close: async () => {
      stopSweep();
      intake.drainNow();
      await writer.close();
    },
  };
}
