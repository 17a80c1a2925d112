import { Counter, Gauge, type Registry } from 'prom-client';
import type { WindowAssessment } from './drift-tracker.js';

/** Why a prediction was not logged although sampled. */
export type LogDropReason = 'queue-full' | 'buffer-full' | 'closed';

/** Prometheus metrics of monitoring, registered in the app's registry. */
export interface MonitoringMetrics {
  logged(model: string, count: number): void;
  dropped(model: string, count: number, reason: LogDropReason): void;
  /** Texts of sampled requests left out of the log by its per-second cap. */
  capped(model: string, count: number): void;
  /** Texts left out of drift windows because the monitoring queue was full. */
  driftSkipped(model: string, count: number): void;
  feedback(model: string, outcome: 'recorded' | 'unchanged' | 'replaced'): void;
  /** Sets the PSI gauges to the windows' values and clears those of windows gone. */
  setDrift(assessments: readonly WindowAssessment[]): void;
}

/** Creates the monitoring metrics in `registry`. */
export function createMonitoringMetrics(registry: Registry): MonitoringMetrics {
  const logged = new Counter({
    name: 'inference_prediction_log_written_total',
    help: 'Predictions written to the prediction log, per model',
    labelNames: ['model'] as const,
    registers: [registry],
  });
  const dropped = new Counter({
    name: 'inference_prediction_log_dropped_total',
    help: 'Sampled predictions not logged, per model and reason (queue-full, buffer-full, closed)',
    labelNames: ['model', 'reason'] as const,
    registers: [registry],
  });
  const capped = new Counter({
    name: 'inference_prediction_log_capped_texts_total',
    help: 'Texts of sampled requests left out of the prediction log by PREDICTION_LOG_MAX_PER_SECOND, per model',
    labelNames: ['model'] as const,
    registers: [registry],
  });
  const skipped = new Counter({
    name: 'inference_drift_skipped_texts_total',
    help: 'Texts left out of the drift windows because the monitoring queue was full, per model',
    labelNames: ['model'] as const,
    registers: [registry],
  });
  const feedback = new Counter({
    name: 'inference_feedback_total',
    help: 'Feedback received, per model and outcome (recorded, unchanged, replaced)',
    labelNames: ['model', 'outcome'] as const,
    registers: [registry],
  });
  const psi = new Gauge({
    name: 'inference_drift_psi',
    help: 'Population stability index of a statistic of the live window against training, per model version and traffic',
    labelNames: ['model', 'version', 'traffic', 'statistic'] as const,
    registers: [registry],
  });
  return {
    logged: (model, count) => logged.inc({ model }, count),
    dropped: (model, count, reason) => dropped.inc({ model, reason }, count),
    capped: (model, count) => capped.inc({ model }, count),
    driftSkipped: (model, count) => skipped.inc({ model }, count),
    feedback: (model, outcome) => feedback.inc({ model, outcome }),
    setDrift(assessments) {
      psi.reset();
      for (const assessment of assessments) {
        for (const entry of assessment.statistics) {
          psi.set(
            {
              model: assessment.model,
              version: String(assessment.version),
              traffic: assessment.traffic,
              statistic: entry.statistic,
            },
            entry.psi,
          );
        }
      }
    },
  };
}
