import type { StudyCreate } from '@mlops/contracts';
import type { Assignment, TrialState } from '@mlops/ml';
import { defineCollection } from '@mlops/mongo';
import type { Collection, Db, Filter } from 'mongodb';

export type StudyStatus = 'running' | 'completed' | 'cancelled' | 'failed';

/** One trial as the driver keeps it; parameters and config as JSON text (keys may hold dots). */
export interface StoredTrial {
  number: number;
  jobId: string;
  state: TrialState;
  paramsJson: string;
  configJson: string;
  /** Per-epoch objective (validation metric) read from the trial's run. */
  intermediate: { epoch: number; value: number }[];
  value?: number;
  modelVersion?: { name: string; version: number };
  error?: { code: string; message: string };
  /** The pruner stopped it; its job is being cancelled. */
  pruneRequested?: boolean;
  startedAt: Date;
  finishedAt?: Date;
}

/** A study as stored: every change goes through `revision`, so two drivers never both write a step. */
export interface StudyDocument {
  _id: string;
  name?: string;
  modelName: string;
  status: StudyStatus;
  requestJson: string;
  trials: StoredTrial[];
  revision: number;
  deadlineAt?: Date;
  cancelRequestedAt?: Date;
  reason?: string;
  createdAt: Date;
  updatedAt: Date;
  finishedAt?: Date;
}

export const studiesCollection = defineCollection<StudyDocument>('studies', [
  { key: { createdAt: -1, _id: -1 }, name: 'by_created' },
  { key: { status: 1 }, name: 'by_status' },
]);

/** The study's request as it was accepted (defaults applied). */
export function requestOf(doc: StudyDocument): StudyCreate {
  return JSON.parse(doc.requestJson) as StudyCreate;
}

/** A stored trial's sampled values. */
export function paramsOf(trial: StoredTrial): Assignment {
  return JSON.parse(trial.paramsJson) as Assignment;
}

/** Studies in MongoDB; writes are compare-and-set on `revision`. */
export class StudyRepository {
  private readonly studies: Collection<StudyDocument>;

  constructor(db: Db) {
    this.studies = studiesCollection.in(db);
  }

  async insert(doc: StudyDocument): Promise<void> {
    await this.studies.insertOne(doc);
  }

  async findById(id: string): Promise<StudyDocument | null> {
    return this.studies.findOne({ _id: id });
  }

  /** The studies a driver must advance. */
  async running(): Promise<StudyDocument[]> {
    return this.studies.find({ status: 'running' }).toArray();
  }

  /** Newest first, after the cursor position. */
  async list(limit: number, after?: { createdAt: Date; id: string }): Promise<StudyDocument[]> {
    const filter: Filter<StudyDocument> = after
      ? { $or: [{ createdAt: { $lt: after.createdAt } }, { createdAt: after.createdAt, _id: { $lt: after.id } }] }
      : {};
    return this.studies.find(filter).sort({ createdAt: -1, _id: -1 }).limit(limit).toArray();
  }

  /**
   * Writes `changes` if the study is still at `revision`; returns the new document, or undefined
   * when another driver wrote first (the caller reads again and starts over).
   */
  async commit(
    doc: StudyDocument,
    changes: Partial<Omit<StudyDocument, '_id' | 'revision'>>,
  ): Promise<StudyDocument | undefined> {
    const now = new Date();
    const result = await this.studies.findOneAndUpdate(
      { _id: doc._id, revision: doc.revision },
      { $set: { ...changes, updatedAt: now }, $inc: { revision: 1 } },
      { returnDocument: 'after' },
    );
    return result ?? undefined;
  }

  /** Marks the study for cancellation; the driver stops its trials. */
  async requestCancel(id: string): Promise<StudyDocument | null> {
    return this.studies.findOneAndUpdate(
      { _id: id, status: 'running' },
      { $set: { cancelRequestedAt: new Date(), updatedAt: new Date() }, $inc: { revision: 1 } },
      { returnDocument: 'after' },
    );
  }
}
