import type { VersionComparison } from '@mlops/contracts';
import type { PredictionEvent, PredictionRole } from './prediction-events.js';

/** Request latencies kept per version and role for the percentiles. */
const LATENCY_SAMPLES = 2048;
/** Versions kept per model; the one seen least recently is dropped beyond. */
const MAX_ENTRIES_PER_MODEL = 16;

type VersionFigures = VersionComparison['versions'][number];

/** Off-path work of one model: copies scored, skipped at the bound, failed. */
interface OffPathCounts {
  scored: number;
  skipped: number;
  failed: number;
}

class VersionStats {
  requests = 0;
  texts = 0;
  confidenceSum = 0;
  ruleFired = 0;
  readonly labelCounts = new Map<string, number>();
  readonly latencies = new Float64Array(LATENCY_SAMPLES);
  latencyCount = 0;
  readonly firstSeenAt = new Date();
  lastSeenAt = new Date();
  agreement: { referenceVersion: number; compared: number; agreed: number } | null = null;

  constructor(
    readonly version: number,
    readonly role: PredictionRole,
  ) {}

  observe(event: PredictionEvent): void {
    this.requests += 1;
    this.texts += event.predictions.length;
    this.lastSeenAt = new Date();
    this.latencies[this.latencyCount % LATENCY_SAMPLES] = event.latencyMs;
    this.latencyCount += 1;
    for (const outcome of event.predictions) {
      this.confidenceSum += Math.max(...outcome.probabilities);
      if (outcome.rule !== null) this.ruleFired += 1;
      this.labelCounts.set(outcome.label, (this.labelCounts.get(outcome.label) ?? 0) + 1);
    }
  }

  figures(): VersionFigures {
    const samples = Math.min(this.latencyCount, LATENCY_SAMPLES);
    const sorted = Array.from(this.latencies.subarray(0, samples)).sort((a, b) => a - b);
    const at = (q: number): number =>
      samples === 0 ? 0 : (sorted[Math.min(samples - 1, Math.floor(q * samples))] ?? 0);
    const texts = Math.max(this.texts, 1);
    return {
      version: this.version,
      role: this.role,
      requests: this.requests,
      texts: this.texts,
      firstSeenAt: this.firstSeenAt.toISOString(),
      lastSeenAt: this.lastSeenAt.toISOString(),
      latencyMs: {
        samples,
        mean: samples === 0 ? 0 : sorted.reduce((sum, value) => sum + value, 0) / samples,
        p50: at(0.5),
        p95: at(0.95),
        p99: at(0.99),
      },
      meanConfidence: Math.min(1, this.confidenceSum / texts),
      ruleShare: this.ruleFired / texts,
      labelShares: [...this.labelCounts.entries()]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .map(([label, count]) => ({ label, share: count / texts })),
      agreement:
        this.agreement === null
          ? null
          : {
              ...this.agreement,
              rate: this.agreement.compared === 0 ? null : this.agreement.agreed / this.agreement.compared,
            },
    };
  }
}

/**
 * Per-version figures of the served models in this process (requests, latency percentiles,
 * confidence, label shares, agreement with production), for deciding whether a canary or shadow
 * version is better than the production one. Fed by the prediction events and by the off-path
 * scorer; kept in memory, since the process started.
 */
export class VersionComparisonTracker {
  readonly #models = new Map<string, Map<string, VersionStats>>();
  readonly #offPath = new Map<string, OffPathCounts>();

  /** Records one answered request or shadow copy (a prediction listener). */
  observe(event: PredictionEvent): void {
    this.#stats(event.model, event.version, event.role).observe(event);
  }

  /** Records how many texts a candidate decided like the production version. */
  recordAgreement(
    model: string,
    candidate: { version: number; role: PredictionRole },
    referenceVersion: number,
    agreed: number,
    compared: number,
  ): void {
    const stats = this.#stats(model, candidate.version, candidate.role);
    const previous = stats.agreement;
    stats.agreement = {
      referenceVersion,
      compared: (previous?.compared ?? 0) + compared,
      agreed: (previous?.agreed ?? 0) + agreed,
    };
  }

  /** Counts one off-path copy of a request: scored, skipped at the bound, or failed. */
  countOffPath(model: string, outcome: keyof OffPathCounts): void {
    const counts = this.#offPath.get(model) ?? { scored: 0, skipped: 0, failed: 0 };
    counts[outcome] += 1;
    this.#offPath.set(model, counts);
  }

  /** The model's versions side by side, most recently seen first. */
  compare(model: string, canaryShare: number): VersionComparison {
    const entries = [...(this.#models.get(model)?.values() ?? [])];
    return {
      model,
      canaryShare,
      versions: entries.sort((a, b) => b.lastSeenAt.getTime() - a.lastSeenAt.getTime()).map((stats) => stats.figures()),
      offPath: { ...(this.#offPath.get(model) ?? { scored: 0, skipped: 0, failed: 0 }) },
    };
  }

  #stats(model: string, version: number, role: PredictionRole): VersionStats {
    let versions = this.#models.get(model);
    if (versions === undefined) {
      versions = new Map();
      this.#models.set(model, versions);
    }
    const key = `${version}:${role}`;
    let stats = versions.get(key);
    if (stats === undefined) {
      stats = new VersionStats(version, role);
      versions.set(key, stats);
      if (versions.size > MAX_ENTRIES_PER_MODEL) dropLeastRecent(versions);
    }
    return stats;
  }
}

function dropLeastRecent(versions: Map<string, VersionStats>): void {
  let oldest: [string, VersionStats] | undefined;
  for (const entry of versions) if (oldest === undefined || entry[1].lastSeenAt < oldest[1].lastSeenAt) oldest = entry;
  if (oldest !== undefined) versions.delete(oldest[0]);
}
