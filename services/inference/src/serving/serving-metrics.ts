import { Gauge, Histogram, type Registry } from 'prom-client';
import type { BatchReport } from './micro-batcher.js';

/** Prometheus metrics of model serving, registered in the app's registry. */
export interface ServingMetrics {
  /** Records one answered predict request. */
  observeRequest(model: string, version: number, seconds: number): void;
  /** Records one batch run by a model version's batcher. */
  observeBatch(model: string, version: number, report: BatchReport): void;
  /** Sets which versions are loaded under which alias (1) and clears the others. */
  setLoaded(loaded: readonly { model: string; version: number; alias: string }[]): void;
}

/** Creates the serving metrics in `registry`. */
export function createServingMetrics(registry: Registry): ServingMetrics {
  const latency = new Histogram({
    name: 'inference_predict_duration_seconds',
    help: 'Predict request time in the model (batch wait + run), per model and version',
    labelNames: ['model', 'version'] as const,
    buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [registry],
  });
  const batchSize = new Histogram({
    name: 'inference_batch_size',
    help: 'Texts per ONNX Runtime call, per model and version',
    labelNames: ['model', 'version'] as const,
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256],
    registers: [registry],
  });
  const queueWait = new Histogram({
    name: 'inference_queue_wait_seconds',
    help: 'Time a predict request waited for its batch, per model and version',
    labelNames: ['model', 'version'] as const,
    buckets: [0.0001, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.1],
    registers: [registry],
  });
  const loaded = new Gauge({
    name: 'inference_loaded_versions',
    help: 'Model versions loaded, by alias (1 when loaded)',
    labelNames: ['model', 'version', 'alias'] as const,
    registers: [registry],
  });
  return {
    observeRequest(model, version, seconds) {
      latency.observe({ model, version: String(version) }, seconds);
    },
    observeBatch(model, version, report) {
      const labels = { model, version: String(version) };
      batchSize.observe(labels, report.size);
      for (const waitMs of report.queueWaitsMs) queueWait.observe(labels, waitMs / 1000);
    },
    setLoaded(entries) {
      loaded.reset();
      for (const entry of entries)
        loaded.set({ model: entry.model, version: String(entry.version), alias: entry.alias }, 1);
    },
  };
}
