import type { PromotionDecision } from '@mlops/contracts';
import { defineCollection } from '@mlops/mongo';
import type { Collection, Db, Filter } from 'mongodb';

/** A promotion decision as stored: the API view as JSON text, with the keys to find and order it. */
export interface DecisionDocument {
  _id: string;
  modelName: string;
  decidedAt: Date;
  decisionJson: string;
}

export const decisionsCollection = defineCollection<DecisionDocument>('promotion_decisions', [
  { key: { modelName: 1, decidedAt: -1, _id: -1 }, name: 'by_model' },
]);

/** Every promotion decision, automatic and manual: written once, never changed. */
export class DecisionRepository {
  private readonly decisions: Collection<DecisionDocument>;

  constructor(db: Db) {
    this.decisions = decisionsCollection.in(db);
  }

  /** Stores the decision under its id; recording the same id again (a retried tick) keeps the first. */
  async record(decision: PromotionDecision): Promise<void> {
    await this.decisions.updateOne(
      { _id: decision.id },
      {
        $setOnInsert: {
          modelName: decision.modelName,
          decidedAt: new Date(decision.decidedAt),
          decisionJson: JSON.stringify(decision),
        },
      },
      { upsert: true },
    );
  }

  async findById(id: string): Promise<PromotionDecision | undefined> {
    const doc = await this.decisions.findOne({ _id: id });
    return doc ? (JSON.parse(doc.decisionJson) as PromotionDecision) : undefined;
  }

  /** A model's decisions, newest first, after the cursor position. */
  async listOf(
    modelName: string,
    limit: number,
    after?: { createdAt: Date; id: string },
  ): Promise<{ decision: PromotionDecision; decidedAt: Date; id: string }[]> {
    const filter: Filter<DecisionDocument> = after
      ? {
          modelName,
          $or: [{ decidedAt: { $lt: after.createdAt } }, { decidedAt: after.createdAt, _id: { $lt: after.id } }],
        }
      : { modelName };
    const docs = await this.decisions.find(filter).sort({ decidedAt: -1, _id: -1 }).limit(limit).toArray();
    return docs.map((doc) => ({
      decision: JSON.parse(doc.decisionJson) as PromotionDecision,
      decidedAt: doc.decidedAt,
      id: doc._id,
    }));
  }
}
