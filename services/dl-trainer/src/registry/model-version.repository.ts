import type { ModelLineage, ModelVersion } from '@mlops/contracts';
import { defineCollection, isDuplicateKeyError } from '@mlops/mongo';
import type { Collection, Db, Filter, ObjectId } from 'mongodb';
import type { StoredArtifactFile } from './artifact-store.js';

/** A model version as stored; written once, never updated. */
export interface ModelVersionDocument {
  /** `<name>:<version>`: inserting it is what claims the version number. */
  _id: string;
  name: string;
  version: number;
  /** `<name>/<idempotency key>` (a run id), or a random one: unique, so one key makes one version. */
  registrationKey: string;
  source: ModelVersion['source'];
  createdAt: Date;
  createdBy: string;
  runId?: string;
  lineage?: ModelLineage;
  labels: string[];
  /** Free JSON kept as text: stored keys may not contain "." on every server. */
  metricsJson: string;
  files: StoredArtifactFile[];
  folderChecksum: string;
  totalBytes: number;
}

export const modelVersionsCollection = defineCollection<ModelVersionDocument>('model_versions', [
  { key: { registrationKey: 1 }, name: 'registration_key_unique', unique: true },
  { key: { name: 1, version: -1 }, name: 'by_name_version' },
]);

/** The id of a model version document. */
export function versionId(name: string, version: number): string {
  return `${name}:${version}`;
}

/** Renders a stored version as the API shows it (GridFS ids stay inside). */
export function toModelVersion(doc: ModelVersionDocument): ModelVersion {
  return {
    name: doc.name,
    version: doc.version,
    source: doc.source,
    createdAt: doc.createdAt.toISOString(),
    createdBy: doc.createdBy,
    ...(doc.runId === undefined ? {} : { runId: doc.runId }),
    ...(doc.lineage === undefined ? {} : { lineage: doc.lineage }),
    labels: doc.labels,
    metrics: JSON.parse(doc.metricsJson) as ModelVersion['metrics'],
    files: doc.files.map(({ path, size, sha256 }) => ({ path, size, sha256 })),
    folderChecksum: doc.folderChecksum,
    totalBytes: doc.totalBytes,
  };
}

/**
 * Immutable model versions. Version numbers of a model are contiguous (1, 2, 3 ...) because each
 * is claimed by inserting `<name>:<latest + 1>`: of concurrent claimants exactly one insert
 * succeeds (unique `_id`), the others read the new latest and try the next number. The latest is
 * found by probing ids forward from a hint, so hot reads stay on `_id`.
 */
export class ModelVersionRepository {
  private readonly versions: Collection<ModelVersionDocument>;

  constructor(db: Db) {
    this.versions = modelVersionsCollection.in(db);
  }

  /** The GridFS ids among `ids` that a version's files point at (the orphan sweep keeps these), as hex. */
  async referencedFiles(ids: readonly ObjectId[]): Promise<Set<string>> {
    const wanted = new Set(ids.map((id) => id.toHexString()));
    const found = await this.versions
      .find({ 'files.gridFsId': { $in: [...ids] } }, { projection: { files: 1 } })
      .toArray();
    return new Set(
      found.flatMap((doc) => doc.files.map((file) => file.gridFsId.toHexString()).filter((id) => wanted.has(id))),
    );
  }

  async find(name: string, version: number): Promise<ModelVersionDocument | null> {
    return this.versions.findOne({ _id: versionId(name, version) });
  }

  async findByRegistrationKey(registrationKey: string): Promise<ModelVersionDocument | null> {
    return this.versions.findOne({ registrationKey });
  }

  /**
   * The latest version number of `name` (0 when none), probing by `_id` upward from `hint`, a
   * number known to exist (versions are never deleted and numbers have no gaps).
   */
  async latest(name: string, hint: number): Promise<number> {
    let latest = Math.max(0, hint);
    while ((await this.versions.countDocuments({ _id: versionId(name, latest + 1) }, { limit: 1 })) > 0) latest += 1;
    return latest;
  }

  /** Inserts the version; false when its number (or its registration key) is already taken. */
  async insert(doc: ModelVersionDocument): Promise<boolean> {
    try {
      await this.versions.insertOne(doc);
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  /** Newest first, below `beforeVersion` when given. */
  async list(name: string, limit: number, beforeVersion?: number): Promise<ModelVersionDocument[]> {
    const filter: Filter<ModelVersionDocument> =
      beforeVersion === undefined ? { name } : { name, version: { $lt: beforeVersion } };
    return this.versions.find(filter).sort({ version: -1 }).limit(limit).toArray();
  }
}
