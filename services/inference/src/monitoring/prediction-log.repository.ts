import { defineCollection, isDuplicateKeyError } from '@mlops/mongo';
import { MongoBulkWriteError, type Collection, type Db, type WriteError } from 'mongodb';
import type { PredictionRole } from '../serving/prediction-events.js';

/** A true label given for a prediction. */
export interface FeedbackRecord {
  readonly label: string;
  readonly source: string | null;
  readonly at: Date;
}

/**
 * One logged prediction of one text. Labels are only ever values (a label such as `noun.animal`
 * cannot be a key on MongoDB-compatible servers): probabilities are an array of `{ label, p }`.
 */
export interface PredictionLogDocument {
  /** The prediction id for the answered prediction; `<id>:shadow:<version>` for a shadow copy. */
  _id: string;
  predictionId: string;
  model: string;
  version: number;
  role: PredictionRole;
  requestId: string;
  at: Date;
  /** Time of the whole request in the model (batch wait + run), in milliseconds. */
  latencyMs: number;
  textSha256: string;
  /** The text itself, only when `PREDICTION_LOG_RAW_TEXT` is on. */
  text?: string;
  textLength: number;
  /** Counted by the answering version's featurizer; null only in documents of older releases. */
  outOfVocabularyRate: number | null;
  label: string;
  rule: string | null;
  /** The most probable labels, most probable first (`PREDICTION_LOG_TOP_K` of them). */
  top: { label: string; p: number }[];
  feedback?: FeedbackRecord;
  /** Labels a later feedback replaced, oldest first, each with when it was replaced. */
  feedbackHistory?: (FeedbackRecord & { replacedAt: Date })[];
}

/** The labels of a logged model version, which feedback labels are checked against. */
interface LoggedVersionDocument {
  /** `<model>:<version>`. */
  _id: string;
  labels: string[];
}

export const predictionLogCollection = defineCollection<PredictionLogDocument>('prediction_log', [
  { key: { predictionId: 1 }, name: 'by_prediction' },
  { key: { model: 1, at: 1 }, name: 'by_model_time' },
  { key: { at: 1 }, name: 'by_time' },
]);

export const loggedVersionsCollection = defineCollection<LoggedVersionDocument>('prediction_log_versions', []);

/** Counts of logged predictions per version and role, and of those with feedback per predicted and true label. */
export interface LogCounts {
  readonly logged: readonly { version: number; role: PredictionRole; count: number }[];
  readonly confusion: readonly {
    version: number;
    role: PredictionRole;
    predicted: string;
    truth: string;
    count: number;
  }[];
}

/** True when a bulk insert failed only on documents already stored (a retried batch). */
function onlyDuplicates(error: unknown): boolean {
  if (error instanceof MongoBulkWriteError) {
    const errors: readonly WriteError[] = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
    return errors.length > 0 && errors.every((writeError) => writeError.code === 11000);
  }
  return isDuplicateKeyError(error);
}

/** The prediction log in MongoDB. */
export class PredictionLogRepository {
  private readonly log: Collection<PredictionLogDocument>;
  private readonly versions: Collection<LoggedVersionDocument>;

  constructor(db: Db) {
    this.log = predictionLogCollection.in(db);
    this.versions = loggedVersionsCollection.in(db);
  }

  /** Stores documents; those already stored (same `_id`) are skipped, so a failed batch can be sent again whole. */
  async insert(documents: readonly PredictionLogDocument[]): Promise<void> {
    if (documents.length === 0) return;
    try {
      await this.log.insertMany([...documents], { ordered: false });
    } catch (error) {
      if (!onlyDuplicates(error)) throw error;
    }
  }

  /** Records a version's labels once. */
  async noteVersion(model: string, version: number, labels: readonly string[]): Promise<void> {
    try {
      await this.versions.insertOne({ _id: `${model}:${version}`, labels: [...labels] });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }

  /** The labels of a logged version; undefined when none of its predictions was logged. */
  async labelsOf(model: string, version: number): Promise<readonly string[] | undefined> {
    return (await this.versions.findOne({ _id: `${model}:${version}` }))?.labels;
  }

  /** The answered prediction with this id (not its shadow copies). */
  findAnswered(predictionId: string): Promise<PredictionLogDocument | null> {
    return this.log.findOne({ _id: predictionId });
  }

  /**
   * Sets the feedback of every document of a prediction (the answered one and its shadow
   * copies); `replaced`, when given, is appended to their history. Returns how many matched.
   */
  async setFeedback(
    predictionId: string,
    feedback: FeedbackRecord,
    replaced?: FeedbackRecord & { replacedAt: Date },
  ): Promise<number> {
    const result = await this.log.updateMany(
      { predictionId },
      replaced ? { $set: { feedback }, $push: { feedbackHistory: replaced } } : { $set: { feedback } },
    );
    return result.matchedCount;
  }

  /** The counts live accuracy is computed from, for predictions made at or after `since`. */
  async counts(model: string, since: Date | undefined): Promise<LogCounts> {
    const match = { model, ...(since ? { at: { $gte: since } } : {}) };
    const [logged, confusion] = await Promise.all([
      this.log
        .aggregate<{ _id: { version: number; role: PredictionRole }; count: number }>([
          { $match: match },
          { $group: { _id: { version: '$version', role: '$role' }, count: { $sum: 1 } } },
        ])
        .toArray(),
      this.log
        .aggregate<{
          _id: { version: number; role: PredictionRole; predicted: string; truth: string };
          count: number;
        }>([
          { $match: { ...match, 'feedback.label': { $exists: true } } },
          {
            $group: {
              _id: { version: '$version', role: '$role', predicted: '$label', truth: '$feedback.label' },
              count: { $sum: 1 },
            },
          },
        ])
        .toArray(),
    ]);
    return {
      logged: logged.map((group) => ({ ...group._id, count: group.count })),
      confusion: confusion.map((group) => ({ ...group._id, count: group.count })),
    };
  }

  /** Deletes the documents logged before `cutoff`; returns how many. */
  async deleteBefore(cutoff: Date): Promise<number> {
    return (await this.log.deleteMany({ at: { $lt: cutoff } })).deletedCount;
  }
}
