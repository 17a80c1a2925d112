import { randomUUID } from 'node:crypto';
import type { TrainingJob, TrainingJobRequest, TrainingJobStatus } from '@mlops/contracts';
import { defineCollection, isDuplicateKeyError } from '@mlops/mongo';
import type { Collection, Db, Filter } from 'mongodb';

/** A training job as stored: the API view plus the lease of the worker running it and the dispatch mark. */
export interface TrainingJobDocument {
  _id: string;
  status: TrainingJobStatus;
  request: TrainingJobRequest;
  attempts: number;
  createdAt: Date;
  updatedAt: Date;
  startedAt?: Date;
  finishedAt?: Date;
  error?: { code: string; message: string };
  /** Held by the worker running the job; another worker may take over once it expires. */
  lease?: { token: string; expiresAt: Date };
  /** When `training.requested` was confirmed by the broker; unset jobs are re-dispatched by the sweeper. */
  dispatchedAt?: Date;
}

export const trainingJobsCollection = defineCollection<TrainingJobDocument>('training_jobs', [
  { key: { createdAt: -1, _id: -1 }, name: 'by_created' },
  { key: { status: 1, createdAt: -1 }, name: 'by_status' },
  { key: { 'request.modelName': 1, createdAt: -1 }, name: 'by_model' },
]);

/** A claimed job: the worker's lease token proves it still owns the job when it writes the outcome. */
export interface ClaimedJob {
  readonly job: TrainingJobDocument;
  readonly leaseToken: string;
}

/** Filters and position of a job listing. */
export interface JobListQuery {
  readonly status?: TrainingJobStatus | undefined;
  readonly modelName?: string | undefined;
  readonly limit: number;
  readonly after?: { readonly createdAt: Date; readonly id: string } | undefined;
}

/** Renders a stored job as the API shows it. */
export function toTrainingJob(doc: TrainingJobDocument): TrainingJob {
  return {
    id: doc._id,
    status: doc.status,
    request: doc.request,
    attempts: doc.attempts,
    createdAt: doc.createdAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
    ...(doc.startedAt ? { startedAt: doc.startedAt.toISOString() } : {}),
    ...(doc.finishedAt ? { finishedAt: doc.finishedAt.toISOString() } : {}),
    ...(doc.error ? { error: doc.error } : {}),
  };
}

/**
 * Training jobs in MongoDB. Every state change is one atomic single-document update guarded
 * by the current state (and lease token), so concurrent or repeated deliveries cannot run a
 * job twice or overwrite a newer outcome; no transactions needed.
 */
export class TrainingJobRepository {
  private readonly jobs: Collection<TrainingJobDocument>;

  constructor(db: Db) {
    this.jobs = trainingJobsCollection.in(db);
  }

  /** Stores a new queued job. */
  async create(request: TrainingJobRequest, id: string = randomUUID(), now = new Date()): Promise<TrainingJobDocument> {
    const doc: TrainingJobDocument = { _id: id, status: 'queued', request, attempts: 0, createdAt: now, updatedAt: now };
    await this.jobs.insertOne(doc);
    return doc;
  }

  /** Stores the job a message describes unless it already exists (a message may arrive without a POST). */
  async ensure(id: string, request: TrainingJobRequest, requestedAt: Date): Promise<void> {
    try {
      await this.jobs.insertOne({ _id: id, status: 'queued', request, attempts: 0, createdAt: requestedAt, updatedAt: new Date(), dispatchedAt: new Date() });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }

  async findById(id: string): Promise<TrainingJobDocument | null> {
    return this.jobs.findOne({ _id: id });
  }

  /** Newest first, after the cursor position. */
  async list(query: JobListQuery): Promise<TrainingJobDocument[]> {
    const filter: Filter<TrainingJobDocument> = {};
    if (query.status) filter.status = query.status;
    if (query.modelName) filter['request.modelName'] = query.modelName;
    if (query.after) {
      filter.$or = [
        { createdAt: { $lt: query.after.createdAt } },
        { createdAt: query.after.createdAt, _id: { $lt: query.after.id } },
      ];
    }
    return this.jobs.find(filter).sort({ createdAt: -1, _id: -1 }).limit(query.limit).toArray();
  }

  async markDispatched(id: string, at = new Date()): Promise<void> {
    await this.jobs.updateOne({ _id: id }, { $set: { dispatchedAt: at } });
  }

  /** Queued jobs whose message was never confirmed and that are older than `olderThan`. */
  async undispatched(olderThan: Date, limit: number): Promise<TrainingJobDocument[]> {
    return this.jobs
      .find({ status: 'queued', dispatchedAt: { $exists: false }, createdAt: { $lt: olderThan } })
      .sort({ createdAt: 1 })
      .limit(limit)
      .toArray();
  }

  /**
   * Takes the job for this worker: a queued job, or a running one whose lease expired, or (when
   * the broker redelivered the message because its consumer died) a running one whatever its lease.
   * Returns undefined when the job is finished or another live worker holds it.
   */
  async claim(id: string, leaseMs: number, takeOver: boolean, now = new Date()): Promise<ClaimedJob | undefined> {
    const leaseToken = randomUUID();
    const claimable: Filter<TrainingJobDocument>[] = [{ status: 'queued' }, { status: 'running', 'lease.expiresAt': { $lt: now } }];
    if (takeOver) claimable.push({ status: 'running' });
    const job = await this.jobs.findOneAndUpdate(
      { _id: id, $or: claimable },
      {
        $set: { status: 'running', lease: { token: leaseToken, expiresAt: new Date(now.getTime() + leaseMs) }, startedAt: now, updatedAt: now },
        $inc: { attempts: 1 },
      },
      { returnDocument: 'after' },
    );
    return job ? { job, leaseToken } : undefined;
  }

  /** Extends the lease; false when the worker lost it (another worker took over). */
  async renewLease(id: string, leaseToken: string, leaseMs: number, now = new Date()): Promise<boolean> {
    const result = await this.jobs.updateOne(
      { _id: id, status: 'running', 'lease.token': leaseToken },
      { $set: { 'lease.expiresAt': new Date(now.getTime() + leaseMs), updatedAt: now } },
    );
    return result.matchedCount === 1;
  }

  /** Writes the outcome if the worker still holds the lease; false otherwise (the outcome is dropped). */
  async finish(
    id: string,
    leaseToken: string,
    outcome: { status: 'succeeded' } | { status: 'failed'; error: { code: string; message: string } },
    now = new Date(),
  ): Promise<TrainingJobDocument | undefined> {
    const job = await this.jobs.findOneAndUpdate(
      { _id: id, status: 'running', 'lease.token': leaseToken },
      {
        $set: { status: outcome.status, finishedAt: now, updatedAt: now, ...(outcome.status === 'failed' ? { error: outcome.error } : {}) },
        $unset: { lease: '' },
      },
      { returnDocument: 'after' },
    );
    return job ?? undefined;
  }

  /** Gives the job back to the queue after a transient failure so a retry can claim it at once. */
  async release(id: string, leaseToken: string, now = new Date()): Promise<void> {
    await this.jobs.updateOne({ _id: id, status: 'running', 'lease.token': leaseToken }, { $set: { status: 'queued', updatedAt: now }, $unset: { lease: '' } });
  }
}
