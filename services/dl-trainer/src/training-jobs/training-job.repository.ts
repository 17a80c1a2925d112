import type { TrainingJob, TrainingJobRequest, TrainingJobStatus } from '@mlops/contracts';
import { defineCollection, isDuplicateKeyError } from '@mlops/mongo';
import type { Collection, Db, Filter } from 'mongodb';

/** A training job as stored. */
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
  /** Set by `:cancel` on a running job; the executor stops after the current epoch. */
  cancelRequestedAt?: Date;
  /** When the outcome event (`training.completed` or `training.failed`) was confirmed; unset until then. */
  announcedAt?: Date;
}

/**
 * A job as stored: the request's config as JSON text, because MongoDB-compatible servers refuse
 * some keys a config holds (FerretDB rejects `.` in keys, and label maps name labels such as
 * `noun.animal`).
 */
type StoredJob = Omit<TrainingJobDocument, 'request'> & {
  request: Omit<TrainingJobRequest, 'config'> & { configJson: string };
};

function toStored(doc: TrainingJobDocument): StoredJob {
  const { config, ...request } = doc.request;
  return { ...doc, request: { ...request, configJson: JSON.stringify(config) } };
}

function fromStored(stored: StoredJob | null): TrainingJobDocument | undefined {
  if (!stored) return undefined;
  const { configJson, ...request } = stored.request;
  return { ...stored, request: { ...request, config: JSON.parse(configJson) as Record<string, unknown> } };
}

export const trainingJobsCollection = defineCollection<StoredJob>('training_jobs', [
  { key: { createdAt: -1, _id: -1 }, name: 'by_created' },
  { key: { status: 1, createdAt: -1 }, name: 'by_status' },
  { key: { 'request.modelName': 1, createdAt: -1 }, name: 'by_model' },
]);

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
 * Training jobs in MongoDB. Once stored, a job document is written only by the worker holding
 * its lease (JobLeaseRepository), so no two writers race on it, even on a server without
 * isolated conditional updates; no transactions needed.
 */
export class TrainingJobRepository {
  private readonly jobs: Collection<StoredJob>;

  constructor(db: Db) {
    this.jobs = trainingJobsCollection.in(db);
  }

  /** Stores a new queued job. */
  async create(id: string, request: TrainingJobRequest, now = new Date()): Promise<TrainingJobDocument> {
    const doc: TrainingJobDocument = {
      _id: id,
      status: 'queued',
      request,
      attempts: 0,
      createdAt: now,
      updatedAt: now,
    };
    await this.jobs.insertOne(toStored(doc));
    return doc;
  }

  /** Stores the job a message describes unless it already exists (a message may arrive without a POST). */
  async ensure(id: string, request: TrainingJobRequest, requestedAt: Date): Promise<void> {
    try {
      await this.jobs.insertOne(
        toStored({ _id: id, status: 'queued', request, attempts: 0, createdAt: requestedAt, updatedAt: new Date() }),
      );
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }

  async findById(id: string): Promise<TrainingJobDocument | null> {
    return fromStored(await this.jobs.findOne({ _id: id })) ?? null;
  }

  /** Newest first, after the cursor position. */
  async list(query: JobListQuery): Promise<TrainingJobDocument[]> {
    const filter: Filter<StoredJob> = {};
    if (query.status) filter.status = query.status;
    if (query.modelName) filter['request.modelName'] = query.modelName;
    if (query.after) {
      filter.$or = [
        { createdAt: { $lt: query.after.createdAt } },
        { createdAt: query.after.createdAt, _id: { $lt: query.after.id } },
      ];
    }
    const stored = await this.jobs.find(filter).sort({ createdAt: -1, _id: -1 }).limit(query.limit).toArray();
    return stored.flatMap((job) => fromStored(job) ?? []);
  }

  /** Marks the job running for a new attempt; called by the lease holder only. */
  async markRunning(id: string, now = new Date()): Promise<TrainingJobDocument | undefined> {
    const job = await this.jobs.findOneAndUpdate(
      { _id: id, status: { $in: ['queued', 'running'] } },
      { $set: { status: 'running', startedAt: now, updatedAt: now }, $inc: { attempts: 1 } },
      { returnDocument: 'after' },
    );
    return fromStored(job);
  }

  /** Writes the outcome of a running job; called by the lease holder only. */
  async finish(
    id: string,
    outcome: { status: 'succeeded' } | { status: 'failed' | 'cancelled'; error: { code: string; message: string } },
    now = new Date(),
  ): Promise<TrainingJobDocument | undefined> {
    const job = await this.jobs.findOneAndUpdate(
      { _id: id, status: 'running' },
      {
        $set: {
          status: outcome.status,
          finishedAt: now,
          updatedAt: now,
          ...(outcome.status === 'succeeded' ? {} : { error: outcome.error }),
        },
      },
      { returnDocument: 'after' },
    );
    return fromStored(job);
  }

  /** Records that the outcome event of the finished job was confirmed. */
  async markAnnounced(id: string, now = new Date()): Promise<void> {
    await this.jobs.updateOne({ _id: id }, { $set: { announcedAt: now } });
  }

  /** Puts a running job back in the queue after a transient failure; called by the lease holder only. */
  async requeue(id: string, now = new Date()): Promise<void> {
    await this.jobs.updateOne({ _id: id, status: 'running' }, { $set: { status: 'queued', updatedAt: now } });
  }

  /**
   * Cancels a job: a queued one ends `cancelled` at once (its message is acknowledged unrun), a
   * running one is flagged and stops after its current epoch. Returns the job, or undefined when
   * it does not exist.
   */
  async requestCancel(id: string, now = new Date()): Promise<TrainingJobDocument | undefined> {
    await this.jobs.updateOne(
      { _id: id, status: 'queued' },
      {
        $set: {
          status: 'cancelled',
          finishedAt: now,
          updatedAt: now,
          cancelRequestedAt: now,
          error: { code: 'TRAINING_CANCELLED', message: 'cancelled before it started' },
        },
      },
    );
    await this.jobs.updateOne({ _id: id, status: 'running' }, { $set: { cancelRequestedAt: now, updatedAt: now } });
    return fromStored(await this.jobs.findOne({ _id: id }));
  }
}
