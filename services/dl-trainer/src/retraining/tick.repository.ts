import type { ScheduleTick } from '@mlops/contracts';
import { defineCollection, isDuplicateKeyError } from '@mlops/mongo';
import type { Collection, Db, Filter } from 'mongodb';

/** A tick as stored. Its `_id` is the tick key (`<schedule>@<occurrence>`): inserting it is the claim. */
export interface TickDocument {
  _id: string;
  scheduleId: string;
  modelName: string;
  trigger: ScheduleTick['trigger'];
  scheduledFor: Date;
  state: ScheduleTick['state'];
  stage: ScheduleTick['stage'];
  datasetVersion?: number;
  datasetContentHash?: string;
  jobId?: string;
  studyId?: string;
  modelVersion?: number;
  decisionId?: string;
  reason?: string;
  /** The process working on the tick and until when; another takes over after it lapses. */
  owner?: string;
  leaseUntil?: Date;
  createdAt: Date;
  finishedAt?: Date;
}

export const ticksCollection = defineCollection<TickDocument>('retrain_ticks', [
  { key: { scheduleId: 1, createdAt: -1 }, name: 'by_schedule' },
  { key: { state: 1 }, name: 'by_state' },
]);

/** The API view of a tick. */
export function toTick(doc: TickDocument): ScheduleTick {
  return {
    id: doc._id,
    scheduleId: doc.scheduleId,
    modelName: doc.modelName,
    trigger: doc.trigger,
    scheduledFor: doc.scheduledFor.toISOString(),
    state: doc.state,
    stage: doc.stage,
    ...(doc.datasetVersion === undefined ? {} : { datasetVersion: doc.datasetVersion }),
    ...(doc.jobId === undefined ? {} : { jobId: doc.jobId }),
    ...(doc.studyId === undefined ? {} : { studyId: doc.studyId }),
    ...(doc.modelVersion === undefined ? {} : { modelVersion: doc.modelVersion }),
    ...(doc.decisionId === undefined ? {} : { decisionId: doc.decisionId }),
    ...(doc.reason === undefined ? {} : { reason: doc.reason }),
    createdAt: doc.createdAt.toISOString(),
    ...(doc.finishedAt ? { finishedAt: doc.finishedAt.toISOString() } : {}),
  };
}

/** Ticks in MongoDB: claimed once by their unique key, worked on under a lease. */
export class TickRepository {
  private readonly ticks: Collection<TickDocument>;

  constructor(db: Db) {
    this.ticks = ticksCollection.in(db);
  }

  /** Inserts the tick; false when another process claimed the same key first. */
  async claim(doc: TickDocument): Promise<boolean> {
    try {
      await this.ticks.insertOne(doc);
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  async findById(id: string): Promise<TickDocument | null> {
    return this.ticks.findOne({ _id: id });
  }

  /** Whether a tick of the schedule is still running. */
  async hasRunning(scheduleId: string): Promise<boolean> {
    return (await this.ticks.countDocuments({ scheduleId, state: 'running' }, { limit: 1 })) > 0;
  }

  /** Running ticks no live lease holds (or this owner's own). */
  async workable(owner: string, now = new Date()): Promise<TickDocument[]> {
    return this.ticks
      .find({
        state: 'running',
        $or: [{ leaseUntil: { $exists: false } }, { leaseUntil: { $lt: now } }, { owner }],
      })
      .toArray();
  }

  /** Takes (or renews) the lease of a running tick; null when another owner holds it. */
  async lease(id: string, owner: string, leaseMs: number, now = new Date()): Promise<TickDocument | null> {
    return this.ticks.findOneAndUpdate(
      {
        _id: id,
        state: 'running',
        $or: [{ leaseUntil: { $exists: false } }, { leaseUntil: { $lt: now } }, { owner }],
      },
      { $set: { owner, leaseUntil: new Date(now.getTime() + leaseMs) } },
      { returnDocument: 'after' },
    );
  }

  /** Writes the changes while `owner` holds the tick; null when the lease was lost. */
  async update(id: string, owner: string, changes: Partial<Omit<TickDocument, '_id'>>): Promise<TickDocument | null> {
    return this.ticks.findOneAndUpdate({ _id: id, owner }, { $set: changes }, { returnDocument: 'after' });
  }

  /** Newest first, after the cursor position. */
  async listOf(scheduleId: string, limit: number, after?: { createdAt: Date; id: string }): Promise<TickDocument[]> {
    const filter: Filter<TickDocument> = after
      ? {
          scheduleId,
          $or: [{ createdAt: { $lt: after.createdAt } }, { createdAt: after.createdAt, _id: { $lt: after.id } }],
        }
      : { scheduleId };
    return this.ticks.find(filter).sort({ createdAt: -1, _id: -1 }).limit(limit).toArray();
  }
}
