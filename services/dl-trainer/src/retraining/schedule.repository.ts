import type { Schedule, ScheduleCreate } from '@mlops/contracts';
import { defineCollection } from '@mlops/mongo';
import type { Collection, Db, Filter } from 'mongodb';

/** A schedule as stored; the request as JSON text (config keys may hold dots). */
export interface ScheduleDocument {
  _id: string;
  modelName: string;
  status: 'active' | 'paused';
  requestJson: string;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  /** The cron occurrence of the last tick started (or the resume time): occurrences up to it never run. */
  lastTickAt?: Date;
  /** The dataset version the last tick that trained used, and its content hash. */
  lastDataset?: { version: number; contentHash: string };
  deletedAt?: Date;
}

export const schedulesCollection = defineCollection<ScheduleDocument>('retrain_schedules', [
  { key: { createdAt: -1, _id: -1 }, name: 'by_created' },
  { key: { status: 1 }, name: 'by_status' },
]);

/** The schedule's request as accepted (defaults applied). */
export function scheduleRequestOf(doc: ScheduleDocument): ScheduleCreate {
  return JSON.parse(doc.requestJson) as ScheduleCreate;
}

/** The API view of a stored schedule, given its next occurrence. */
export function toSchedule(doc: ScheduleDocument, nextTickAt: Date | undefined): Schedule {
  return {
    id: doc._id,
    status: doc.status,
    request: scheduleRequestOf(doc),
    createdBy: doc.createdBy,
    createdAt: doc.createdAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
    ...(doc.lastTickAt ? { lastTickAt: doc.lastTickAt.toISOString() } : {}),
    ...(nextTickAt ? { nextTickAt: nextTickAt.toISOString() } : {}),
    ...(doc.lastDataset ? { lastDatasetVersion: doc.lastDataset.version } : {}),
  };
}

const live: Filter<ScheduleDocument> = { deletedAt: { $exists: false } };

/** Retraining schedules in MongoDB; a deleted schedule is kept (its ticks and decisions refer to it) but hidden. */
export class ScheduleRepository {
  private readonly schedules: Collection<ScheduleDocument>;

  constructor(db: Db) {
    this.schedules = schedulesCollection.in(db);
  }

  async insert(doc: ScheduleDocument): Promise<void> {
    await this.schedules.insertOne(doc);
  }

  async findById(id: string): Promise<ScheduleDocument | null> {
    return this.schedules.findOne({ _id: id, ...live });
  }

  async active(): Promise<ScheduleDocument[]> {
    return this.schedules.find({ status: 'active', ...live }).toArray();
  }

  /** Newest first, after the cursor position. */
  async list(limit: number, after?: { createdAt: Date; id: string }): Promise<ScheduleDocument[]> {
    const filter: Filter<ScheduleDocument> = after
      ? {
          ...live,
          $or: [{ createdAt: { $lt: after.createdAt } }, { createdAt: after.createdAt, _id: { $lt: after.id } }],
        }
      : live;
    return this.schedules.find(filter).sort({ createdAt: -1, _id: -1 }).limit(limit).toArray();
  }

  /** Sets the status; resuming also moves `lastTickAt` to now so that ticks missed while paused never run. */
  async setStatus(id: string, status: ScheduleDocument['status'], now = new Date()): Promise<ScheduleDocument | null> {
    return this.schedules.findOneAndUpdate(
      { _id: id, ...live },
      { $set: { status, updatedAt: now, ...(status === 'active' ? { lastTickAt: now } : {}) } },
      { returnDocument: 'after' },
    );
  }

  async remove(id: string, now = new Date()): Promise<ScheduleDocument | null> {
    return this.schedules.findOneAndUpdate(
      { _id: id, ...live },
      { $set: { deletedAt: now, status: 'paused', updatedAt: now } },
      { returnDocument: 'before' },
    );
  }

  /** Moves `lastTickAt` forward to `at` (never back). */
  async advanceLastTick(id: string, at: Date): Promise<void> {
    await this.schedules.updateOne(
      { _id: id, $or: [{ lastTickAt: { $exists: false } }, { lastTickAt: { $lt: at } }] },
      { $set: { lastTickAt: at } },
    );
  }

  async recordDataset(id: string, dataset: { version: number; contentHash: string }): Promise<void> {
    await this.schedules.updateOne({ _id: id }, { $set: { lastDataset: dataset } });
  }
}
