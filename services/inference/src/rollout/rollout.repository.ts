import type {
  GuardrailCheck,
  RolloutFigures,
  RolloutHistoryEntry,
  RolloutStage,
  RolloutStartBody,
} from '@mlops/contracts';
import { defineCollection, isDuplicateKeyError } from '@mlops/mongo';
import type { Collection, Db } from 'mongodb';
import type { FiguresDelta } from './latency-histogram.js';

/** What a pending transition does; written before the alias moves, so a restart finishes it. */
export interface PendingTransition {
  readonly kind: 'advance' | 'promote' | 'rollback' | 'abort';
  readonly reason: string;
  readonly by: string;
  readonly figures: RolloutFigures;
  readonly guardrails: GuardrailCheck[];
  readonly at: Date;
}

export type RolloutStatus = 'running' | 'promoted' | 'rolled-back' | 'aborted';

/** A model's latest rollout (`_id` is the model name: one at a time per model). */
export interface RolloutDocument {
  _id: string;
  id: string;
  model: string;
  version: number;
  productionVersion: number | null;
  status: RolloutStatus;
  stageIndex: number;
  stageStartedAt: Date;
  spec: { stages: RolloutStage[]; guardrails: RolloutStartBody['guardrails'] };
  history: (Omit<RolloutHistoryEntry, 'at'> & { at: Date })[];
  figures: RolloutFigures;
  guardrails: GuardrailCheck[];
  pending: PendingTransition | null;
  lease: { holder: string; until: Date } | null;
  startedBy: string;
  startedAt: Date;
  updatedAt: Date;
}

/** Counters of one stage of a rollout, incremented by every replica (`_id`: `<rolloutId>:<stageIndex>`). */
export interface RolloutCountersDocument {
  _id: string;
  requests?: number;
  errors?: number;
  compared?: number;
  agreed?: number;
  /** Latency histogram buckets (`l<index>`) of the candidate and of production. */
  candidateLatency?: Record<string, number>;
  productionLatency?: Record<string, number>;
}

/** One replica's drift verdict on the candidate during a stage (`_id`: `<rolloutId>:<stageIndex>:<replica>`). */
export interface RolloutDriftDocument {
  _id: string;
  stageKey: string;
  replica: string;
  status: string;
  size: number;
  at: Date;
}

export const rolloutsCollection = defineCollection<RolloutDocument>('rollouts', [
  { key: { status: 1 }, name: 'by_status' },
]);
export const rolloutArchiveCollection = defineCollection<RolloutDocument & { archivedAt: Date }>('rollouts_archive', [
  { key: { model: 1, startedAt: -1 }, name: 'by_model' },
]);
export const rolloutCountersCollection = defineCollection<RolloutCountersDocument>('rollout_counters', []);
export const rolloutDriftCollection = defineCollection<RolloutDriftDocument>('rollout_drift', [
  { key: { stageKey: 1 }, name: 'by_stage' },
]);

/** The key of a rollout's stage in the counters and drift collections. */
export function stageKey(rolloutId: string, stageIndex: number): string {
  return `${rolloutId}:${stageIndex}`;
}

/** Rollout state, counters and drift verdicts in inference's MongoDB, shared by every replica. */
export class RolloutRepository {
  readonly #rollouts: Collection<RolloutDocument>;
  readonly #archive: Collection<RolloutDocument & { archivedAt: Date }>;
  readonly #counters: Collection<RolloutCountersDocument>;
  readonly #drift: Collection<RolloutDriftDocument>;

  constructor(db: Db) {
    this.#rollouts = db.collection(rolloutsCollection.name);
    this.#archive = db.collection(rolloutArchiveCollection.name);
    this.#counters = db.collection(rolloutCountersCollection.name);
    this.#drift = db.collection(rolloutDriftCollection.name);
  }

  /** The model's latest rollout, running or finished. */
  find(model: string): Promise<RolloutDocument | null> {
    return this.#rollouts.findOne({ _id: model });
  }

  /** Every running rollout. */
  running(): Promise<RolloutDocument[]> {
    return this.#rollouts.find({ status: 'running' }).toArray();
  }

  /**
   * Stores a new rollout unless one is running for the model (then false); a finished one is
   * archived first.
   */
  async insert(doc: RolloutDocument): Promise<boolean> {
    const previous = await this.#rollouts.findOne({ _id: doc._id });
    if (previous?.status === 'running') return false;
    if (previous) {
      const { _id: model, ...finished } = previous;
      await this.#archive.replaceOne(
        { _id: previous.id },
        { ...finished, model, archivedAt: new Date() },
        { upsert: true },
      );
      const replaced = await this.#rollouts.replaceOne({ _id: doc._id, id: previous.id, status: previous.status }, doc);
      return replaced.matchedCount === 1;
    }
    try {
      await this.#rollouts.insertOne(doc);
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  /** Takes (or renews) the decision lease of a running rollout; false when another replica holds it. */
  async acquireLease(model: string, id: string, holder: string, ttlMs: number): Promise<boolean> {
    const now = new Date();
    const result = await this.#rollouts.updateOne(
      {
        _id: model,
        id,
        status: 'running',
        $or: [{ lease: null }, { 'lease.holder': holder }, { 'lease.until': { $lt: now } }],
      },
      { $set: { lease: { holder, until: new Date(now.getTime() + ttlMs) } } },
    );
    return result.matchedCount === 1;
  }

  /** Lets the lease go (on shutdown), so another replica decides at once. */
  async releaseLease(model: string, holder: string): Promise<void> {
    await this.#rollouts.updateOne({ _id: model, 'lease.holder': holder }, { $set: { lease: null } });
  }

  /** Records the figures and verdicts of the last evaluation. */
  async saveEvaluation(model: string, id: string, figures: RolloutFigures, guardrails: GuardrailCheck[]) {
    await this.#rollouts.updateOne(
      { _id: model, id, status: 'running' },
      { $set: { figures, guardrails, updatedAt: new Date() } },
    );
  }

  /** Claims the next transition of a running rollout at its stage; false when another one is pending. */
  async claimTransition(model: string, id: string, stageIndex: number, pending: PendingTransition): Promise<boolean> {
    const result = await this.#rollouts.updateOne(
      { _id: model, id, status: 'running', stageIndex, pending: null },
      { $set: { pending, updatedAt: new Date() } },
    );
    return result.matchedCount === 1;
  }

  /** Completes the pending transition: the new stage or final status, with its history entry. */
  async completeTransition(
    model: string,
    id: string,
    change: {
      status: RolloutStatus;
      stageIndex: number;
      entry: RolloutDocument['history'][number];
      /** The figures and verdicts shown from now on (reset when a new stage starts). */
      figures: RolloutFigures;
      guardrails: GuardrailCheck[];
    },
  ): Promise<RolloutDocument | null> {
    return this.#rollouts.findOneAndUpdate(
      { _id: model, id, pending: { $ne: null } },
      {
        $set: {
          status: change.status,
          stageIndex: change.stageIndex,
          stageStartedAt: change.entry.at,
          pending: null,
          figures: change.figures,
          guardrails: change.guardrails,
          updatedAt: change.entry.at,
          ...(change.status === 'running' ? {} : { lease: null }),
        },
        $push: { history: change.entry },
      },
      { returnDocument: 'after' },
    );
  }

  /** Adds one replica's counts to a stage's counters. */
  async addCounters(key: string, delta: FiguresDelta): Promise<void> {
    const inc: Record<string, number> = {};
    if (delta.requests) inc.requests = delta.requests;
    if (delta.errors) inc.errors = delta.errors;
    if (delta.compared) inc.compared = delta.compared;
    if (delta.agreed) inc.agreed = delta.agreed;
    for (const [bucket, count] of delta.candidateLatency) inc[`candidateLatency.l${bucket}`] = count;
    for (const [bucket, count] of delta.productionLatency) inc[`productionLatency.l${bucket}`] = count;
    if (Object.keys(inc).length === 0) return;
    await this.#counters.updateOne({ _id: key }, { $inc: inc }, { upsert: true });
  }

  /** A stage's counters, summed over the replicas. */
  counters(key: string): Promise<RolloutCountersDocument | null> {
    return this.#counters.findOne({ _id: key });
  }

  /** Records one replica's drift verdict on the candidate. */
  async saveDrift(doc: RolloutDriftDocument): Promise<void> {
    await this.#drift.replaceOne({ _id: doc._id }, doc, { upsert: true });
  }

  /** Every replica's drift verdict of a stage. */
  drift(key: string): Promise<RolloutDriftDocument[]> {
    return this.#drift.find({ stageKey: key }).toArray();
  }
}
