import type { TrainingRun, TrainingRunStatus } from '@mlops/contracts';
import { defineCollection } from '@mlops/mongo';
import type { Collection, Db, Filter, UpdateFilter } from 'mongodb';

/** A training run as stored. Written by one worker at a time: the holder of its job's lease. */
export interface TrainingRunDocument {
  _id: string;
  jobId: string;
  modelName: string;
  status: TrainingRunStatus;
  /** The resolved TrainingConfig, as JSON text (free keys). */
  configJson: string;
  /** Keyed by epoch number, so recording an epoch again replaces it instead of adding one. */
  epochs: Record<string, { metrics: Record<string, number>; at: Date }>;
  evaluationJson?: string;
  environment: TrainingRun['environment'];
  codeVersion: string;
  startedAt: Date;
  finishedAt?: Date;
  phasesMs: Record<string, number>;
  attempts: number;
  modelVersion?: { name: string; version: number };
  error?: { code: string; message: string };
  createdAt: Date;
  updatedAt: Date;
}

export const trainingRunsCollection = defineCollection<TrainingRunDocument>('training_runs', [
  { key: { createdAt: -1, _id: -1 }, name: 'by_created' },
  { key: { modelName: 1, createdAt: -1 }, name: 'by_model' },
  { key: { jobId: 1 }, name: 'by_job' },
]);

/** Filters and position of a run listing. */
export interface RunListQuery {
  readonly modelName?: string | undefined;
  readonly jobId?: string | undefined;
  readonly status?: TrainingRunStatus | undefined;
  readonly limit: number;
  readonly after?: { readonly createdAt: Date; readonly id: string } | undefined;
}

/** Renders a stored run as the API shows it, epochs in order. */
export function toTrainingRun(doc: TrainingRunDocument): TrainingRun {
  return {
    id: doc._id,
    jobId: doc.jobId,
    modelName: doc.modelName,
    status: doc.status,
    config: JSON.parse(doc.configJson) as TrainingRun['config'],
    epochs: Object.entries(doc.epochs)
      .map(([epoch, entry]) => ({ epoch: Number(epoch), metrics: entry.metrics, at: entry.at.toISOString() }))
      .sort((a, b) => a.epoch - b.epoch),
    ...(doc.evaluationJson === undefined
      ? {}
      : { evaluation: JSON.parse(doc.evaluationJson) as NonNullable<TrainingRun['evaluation']> }),
    environment: doc.environment,
    codeVersion: doc.codeVersion,
    timings: {
      startedAt: doc.startedAt.toISOString(),
      ...(doc.finishedAt
        ? { finishedAt: doc.finishedAt.toISOString(), durationMs: doc.finishedAt.getTime() - doc.startedAt.getTime() }
        : {}),
      phasesMs: doc.phasesMs,
    },
    attempts: doc.attempts,
    ...(doc.modelVersion ? { modelVersion: doc.modelVersion } : {}),
    ...(doc.error ? { error: doc.error } : {}),
  };
}

/** Training runs in MongoDB, read by `_id` and listed newest first. */
export class TrainingRunRepository {
  private readonly runs: Collection<TrainingRunDocument>;

  constructor(db: Db) {
    this.runs = trainingRunsCollection.in(db);
  }

  async findById(id: string): Promise<TrainingRunDocument | null> {
    return this.runs.findOne({ _id: id });
  }

  /** Inserts a run; duplicate-key errors propagate (the caller decides what an existing run means). */
  async insert(doc: TrainingRunDocument): Promise<void> {
    await this.runs.insertOne(doc);
  }

  /** Applies an update by id; false when no such run. */
  async update(id: string, update: UpdateFilter<TrainingRunDocument>): Promise<boolean> {
    return (await this.runs.updateOne({ _id: id }, update)).matchedCount > 0;
  }

  /** Newest first, after the cursor position. */
  async list(query: RunListQuery): Promise<TrainingRunDocument[]> {
    const filter: Filter<TrainingRunDocument> = {};
    if (query.modelName) filter.modelName = query.modelName;
    if (query.jobId) filter.jobId = query.jobId;
    if (query.status) filter.status = query.status;
    if (query.after) {
      filter.$or = [
        { createdAt: { $lt: query.after.createdAt } },
        { createdAt: query.after.createdAt, _id: { $lt: query.after.id } },
      ];
    }
    return this.runs.find(filter).sort({ createdAt: -1, _id: -1 }).limit(query.limit).toArray();
  }
}
