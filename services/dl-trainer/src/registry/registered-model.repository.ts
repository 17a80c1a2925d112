import { defineCollection, isDuplicateKeyError } from '@mlops/mongo';
import type { Collection, Db, Filter } from 'mongodb';

/** A model name that has at least one version, with a hint of its latest version number. */
export interface RegisteredModelDocument {
  _id: string;
  createdAt: Date;
  /** A lower bound of the latest version: raised after each registration, possibly late; never trusted alone. */
  latestVersionHint: number;
}

export const registeredModelsCollection = defineCollection<RegisteredModelDocument>('registered_models', [
  { key: { createdAt: -1, _id: -1 }, name: 'by_created' },
]);

/**
 * The list of model names, written after a model's version is stored (so a failed import leaves
 * no name behind). The version hint is raised with `$max`; on a server where concurrent updates
 * are not isolated it may lag, which only costs a few more `_id` probes.
 */
export class RegisteredModelRepository {
  private readonly models: Collection<RegisteredModelDocument>;

  constructor(db: Db) {
    this.models = registeredModelsCollection.in(db);
  }

  async find(name: string): Promise<RegisteredModelDocument | null> {
    return this.models.findOne({ _id: name });
  }

  /** Records that `name` has version `version`; idempotent. */
  async noteVersion(name: string, version: number, now = new Date()): Promise<void> {
    try {
      await this.models.insertOne({ _id: name, createdAt: now, latestVersionHint: version });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      await this.models.updateOne({ _id: name }, { $max: { latestVersionHint: version } });
    }
  }

  /** Newest first, after the cursor position. */
  async list(
    limit: number,
    after?: { readonly createdAt: Date; readonly id: string },
  ): Promise<RegisteredModelDocument[]> {
    const filter: Filter<RegisteredModelDocument> = after
      ? { $or: [{ createdAt: { $lt: after.createdAt } }, { createdAt: after.createdAt, _id: { $lt: after.id } }] }
      : {};
    return this.models.find(filter).sort({ createdAt: -1, _id: -1 }).limit(limit).toArray();
  }
}
