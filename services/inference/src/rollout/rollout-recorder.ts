import type { RolloutStageName } from '@mlops/contracts';
import type { OffPathObserver } from '../serving/off-path-scorer.js';
import type { PredictionEvent, PredictionRole } from '../serving/prediction-events.js';
import { emptyDelta, latencyBucket, type FiguresDelta } from './latency-histogram.js';
import { stageKey } from './rollout.repository.js';

/** A running rollout as every replica needs it to count: candidate, production and the current stage. */
export interface ActiveRollout {
  readonly id: string;
  readonly model: string;
  readonly version: number;
  readonly productionVersion: number | null;
  readonly stageIndex: number;
  readonly stage: RolloutStageName;
  /** The canary share while the stage is `canary`. */
  readonly share: number | undefined;
}

/** The role the candidate's traffic carries in a stage. */
function candidateRole(stage: RolloutStageName): PredictionRole {
  return stage === 'shadow' ? 'shadow' : 'canary';
}

function add(buckets: Map<number, number>, latencyMs: number): void {
  const bucket = latencyBucket(latencyMs);
  buckets.set(bucket, (buckets.get(bucket) ?? 0) + 1);
}

/**
 * Counts, in this replica, what the running rollouts are decided on: the candidate's requests,
 * failures, latencies and agreement with production, and production's latencies over the same
 * stage. `drain` hands the counts since the last call (keyed by stage) to be added in MongoDB,
 * where every replica's counts meet. Listens on the request path: counting only.
 */
export class RolloutRecorder implements OffPathObserver {
  #active = new Map<string, ActiveRollout>();
  #deltas = new Map<string, FiguresDelta>();

  /** Replaces the running rollouts this replica counts for (read from MongoDB each tick). */
  setActive(rollouts: readonly ActiveRollout[]): void {
    this.#active = new Map(rollouts.map((rollout) => [rollout.model, rollout]));
  }

  /** The running rollout of a model, if any. */
  active(model: string): ActiveRollout | undefined {
    return this.#active.get(model);
  }

  /** The canary share of a model in a rollout's canary stage (for the traffic split). */
  readonly shareFor = (model: string): number | undefined => this.#active.get(model)?.share;

  /** A prediction listener: one answered request or shadow copy. */
  readonly observe = (event: PredictionEvent): void => {
    const rollout = this.#active.get(event.model);
    if (rollout === undefined) return;
    if (event.version === rollout.version && event.role === candidateRole(rollout.stage)) {
      const delta = this.#delta(rollout);
      delta.requests += 1;
      add(delta.candidateLatency, event.latencyMs);
    } else if (event.role === 'production' && event.version === rollout.productionVersion) {
      add(this.#delta(rollout).productionLatency, event.latencyMs);
    }
  };

  /** A request the candidate failed on the canary route (predict's model-error hook). */
  readonly modelError = (model: { name: string; version: number }, route: string): void => {
    const rollout = this.#active.get(model.name);
    if (rollout?.stage !== 'canary' || route !== 'canary' || model.version !== rollout.version) return;
    const delta = this.#delta(rollout);
    delta.requests += 1;
    delta.errors += 1;
  };

  agreement(model: string, candidate: { version: number; role: PredictionRole }, agreed: number, compared: number) {
    const rollout = this.#active.get(model);
    if (rollout?.version !== candidate.version || candidate.role !== candidateRole(rollout.stage)) return;
    const delta = this.#delta(rollout);
    delta.agreed += agreed;
    delta.compared += compared;
  }

  copyFailed(model: string, version: number): void {
    const rollout = this.#active.get(model);
    if (rollout?.stage !== 'shadow' || version !== rollout.version) return;
    const delta = this.#delta(rollout);
    delta.requests += 1;
    delta.errors += 1;
  }

  /** The counts since the last call, by stage key; the recorder starts again from zero. */
  drain(): Map<string, FiguresDelta> {
    const deltas = this.#deltas;
    this.#deltas = new Map();
    return deltas;
  }

  /** Gives counts back after a failed write, so they are added on the next flush. */
  restore(deltas: Map<string, FiguresDelta>): void {
    for (const [key, delta] of deltas) {
      const current = this.#deltas.get(key) ?? emptyDelta();
      current.requests += delta.requests;
      current.errors += delta.errors;
      current.compared += delta.compared;
      current.agreed += delta.agreed;
      for (const [bucket, count] of delta.candidateLatency)
        current.candidateLatency.set(bucket, (current.candidateLatency.get(bucket) ?? 0) + count);
      for (const [bucket, count] of delta.productionLatency)
        current.productionLatency.set(bucket, (current.productionLatency.get(bucket) ?? 0) + count);
      this.#deltas.set(key, current);
    }
  }

  #delta(rollout: ActiveRollout): FiguresDelta {
    const key = stageKey(rollout.id, rollout.stageIndex);
    let delta = this.#deltas.get(key);
    if (delta === undefined) {
      delta = emptyDelta();
      this.#deltas.set(key, delta);
    }
    return delta;
  }
}
