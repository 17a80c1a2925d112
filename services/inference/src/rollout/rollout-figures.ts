import type { RolloutFigures } from '@mlops/contracts';
import type { PredictionMonitor } from '../monitoring/prediction-monitor.js';
import { histogramQuantile } from './latency-histogram.js';
import { stageKey, type RolloutDocument, type RolloutRepository } from './rollout.repository.js';

const DRIFT_ORDER = ['ok', 'warning', 'drift'] as const;

/** Figures of a stage before anything was counted. */
export function emptyFigures(): RolloutFigures {
  return {
    requests: 0,
    errors: 0,
    latencyP99Ms: null,
    productionLatencyP99Ms: null,
    agreement: { compared: 0, agreed: 0 },
    feedback: { withFeedback: 0, accuracy: null, productionAccuracy: null },
    drift: { status: 'insufficient-data', replicas: 0 },
  };
}

/**
 * The current stage's figures over every replica: the counters they added in MongoDB (requests,
 * failures, latency histograms, agreement), live accuracy from the shared prediction log since
 * the stage started, and the worst drift verdict any replica recorded.
 */
export async function stageFigures(
  doc: RolloutDocument,
  repository: RolloutRepository,
  monitor: Pick<PredictionMonitor, 'accuracy'>,
): Promise<RolloutFigures> {
  const key = stageKey(doc.id, doc.stageIndex);
  const stage = doc.spec.stages[doc.stageIndex]?.stage ?? 'canary';
  const [counters, accuracy, drift] = await Promise.all([
    repository.counters(key),
    monitor.accuracy(doc.model, doc.stageStartedAt),
    repository.drift(key),
  ]);
  const candidate = accuracy.versions.find((entry) => entry.version === doc.version && entry.role === stage);
  const production = accuracy.versions.find(
    (entry) => entry.version === doc.productionVersion && entry.role === 'production',
  );
  const verdicts = drift.filter((entry) => (DRIFT_ORDER as readonly string[]).includes(entry.status));
  const worst = verdicts.reduce<number>(
    (index, entry) => Math.max(index, DRIFT_ORDER.indexOf(entry.status as (typeof DRIFT_ORDER)[number])),
    -1,
  );
  return {
    requests: counters?.requests ?? 0,
    errors: counters?.errors ?? 0,
    latencyP99Ms: histogramQuantile(counters?.candidateLatency, 0.99),
    productionLatencyP99Ms: histogramQuantile(counters?.productionLatency, 0.99),
    agreement: { compared: counters?.compared ?? 0, agreed: counters?.agreed ?? 0 },
    feedback: {
      withFeedback: candidate?.withFeedback ?? 0,
      accuracy: candidate?.accuracy ?? null,
      productionAccuracy: production?.accuracy ?? null,
    },
    drift: { status: worst < 0 ? 'insufficient-data' : (DRIFT_ORDER[worst] ?? 'ok'), replicas: verdicts.length },
  };
}
