import type { TestPrediction } from '@mlops/contracts';
import { defineCollection } from '@mlops/mongo';
import type { Collection, Db, Filter } from 'mongodb';

/** One test example of a run as its evaluated model predicted it. */
export interface TestPredictionDocument extends TestPrediction {
  /** `<runId>:<documentId>`. */
  _id: string;
  runId: string;
  /** Position in the run's examples, most confident first (ties by document id): the listing order. */
  rank: number;
  recordedAt: Date;
}

export const testPredictionsCollection = defineCollection<TestPredictionDocument>('training_run_test_predictions', [
  { key: { runId: 1, truth: 1, predicted: 1, rank: 1 }, name: 'by_cell' },
  { key: { runId: 1, predicted: 1, rank: 1 }, name: 'by_predicted' },
  { key: { runId: 1, rank: 1 }, name: 'by_run' },
]);

/** Which examples of a run, from which position. */
export interface TestPredictionQuery {
  readonly runId: string;
  readonly truth?: string | undefined;
  readonly predicted?: string | undefined;
  /** The rank of the last example of the previous page. */
  readonly afterRank?: number | undefined;
  readonly limit: number;
}

const INSERT_CHUNK = 1000;

/** The test predictions of runs, written once per run (again on a redelivered job) and listed by cell. */
export class TestPredictionRepository {
  private readonly predictions: Collection<TestPredictionDocument>;

  constructor(db: Db) {
    this.predictions = testPredictionsCollection.in(db);
  }

  /** Replaces the run's predictions with these. */
  async replace(runId: string, documents: readonly TestPredictionDocument[]): Promise<void> {
    await this.predictions.deleteMany({ runId });
    for (let from = 0; from < documents.length; from += INSERT_CHUNK) {
      await this.predictions.insertMany(documents.slice(from, from + INSERT_CHUNK), { ordered: false });
    }
  }

  /** The examples of a cell, a row, a column or the whole run, in rank order after `afterRank`. */
  async list(query: TestPredictionQuery): Promise<TestPredictionDocument[]> {
    const filter: Filter<TestPredictionDocument> = { runId: query.runId };
    if (query.truth !== undefined) filter.truth = query.truth;
    if (query.predicted !== undefined) filter.predicted = query.predicted;
    if (query.afterRank !== undefined) filter.rank = { $gt: query.afterRank };
    return this.predictions.find(filter).sort({ rank: 1 }).limit(query.limit).toArray();
  }
}
