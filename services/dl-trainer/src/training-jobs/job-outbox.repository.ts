import { trainingRequestedMessageSchema, type TrainingRequestedMessage } from '@mlops/contracts';
import { defineCollection, isDuplicateKeyError } from '@mlops/mongo';
import type { Collection, Db } from 'mongodb';

/**
 * A `training.requested` message that must still be confirmed by the broker, kept as JSON text:
 * its config may hold keys MongoDB-compatible servers refuse (labels such as `noun.animal`).
 */
interface OutboxDocument {
  _id: string;
  createdAt: Date;
  messageJson: string;
}

export const jobOutboxCollection = defineCollection<OutboxDocument>('training_job_outbox', [
  { key: { createdAt: 1 }, name: 'by_created' },
]);

/**
 * The transactional-outbox half of job submission, kept in its own collection so it never
 * writes the job document the consumer is updating: an entry holding the message is added
 * before the job is stored and removed once the broker confirmed it; the sweeper resends what
 * is left (and the consumer stores the job from the message if the submitter died in between).
 */
export class JobOutboxRepository {
  private readonly outbox: Collection<OutboxDocument>;

  constructor(db: Db) {
    this.outbox = jobOutboxCollection.in(db);
  }

  async add(message: TrainingRequestedMessage, now = new Date()): Promise<void> {
    try {
      await this.outbox.insertOne({ _id: message.jobId, createdAt: now, messageJson: JSON.stringify(message) });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }

  async remove(jobId: string): Promise<void> {
    await this.outbox.deleteOne({ _id: jobId });
  }

  /** Messages of entries older than `olderThan`, oldest first. */
  async pending(olderThan: Date, limit: number): Promise<TrainingRequestedMessage[]> {
    const entries = await this.outbox
      .find({ createdAt: { $lt: olderThan } })
      .sort({ createdAt: 1 })
      .limit(limit)
      .toArray();
    return entries.map((entry) => trainingRequestedMessageSchema.parse(JSON.parse(entry.messageJson)));
  }
}
