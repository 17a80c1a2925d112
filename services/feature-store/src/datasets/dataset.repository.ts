import { randomUUID } from 'node:crypto';
import type { DatasetDefinition, DatasetVersion } from '@mlops/contracts';
import type { DatasetRow } from '@mlops/ml/steps';
import { defineCollection, isDuplicateKeyError } from '@mlops/mongo';
import type { Collection, Db } from 'mongodb';

interface DatasetDocument {
  _id: string;
  definition: DatasetDefinition;
  createdAt: Date;
}

interface VersionDocument extends Omit<DatasetVersion, 'createdAt'> {
  _id: string;
  createdAt: Date;
}

interface RecordDocument {
  _id: string;
  versionId: string;
  i: number;
  documentId: string;
  textSha256: string;
  label: string;
  text: string;
  /** The document's language when frozen, null when it had none; absent in versions frozen before it was stored. */
  language?: string | null;
}

/** A frozen record as stored; `language` as in the record document. */
type StoredRecord = Omit<RecordDocument, '_id' | 'versionId' | 'i'>;

export const datasetsCollection = defineCollection<DatasetDocument>('datasets', []);
export const datasetVersionsCollection = defineCollection<VersionDocument>('dataset_versions', [
  { key: { dataset: 1, version: 1 }, name: 'dataset_version_unique', unique: true },
]);
export const datasetRecordsCollection = defineCollection<RecordDocument>('dataset_records', [
  { key: { versionId: 1, i: 1 }, name: 'by_version' },
]);

const RECORD_BATCH = 500;

/**
 * Datasets, their frozen versions and the versions' records. A version's records (text
 * included, so a version never changes even if a document is reprocessed) are written first
 * under a fresh version id; the version document that makes them visible is inserted last, and
 * its number is taken by a unique (dataset, version) key, so concurrent freezes never collide.
 */
export class DatasetRepository {
  private readonly datasets: Collection<DatasetDocument>;
  private readonly versions: Collection<VersionDocument>;
  private readonly records: Collection<RecordDocument>;

  constructor(db: Db) {
    this.datasets = datasetsCollection.in(db);
    this.versions = datasetVersionsCollection.in(db);
    this.records = datasetRecordsCollection.in(db);
  }

  /** Stores a definition; false when the name is taken. */
  async create(definition: DatasetDefinition, now = new Date()): Promise<boolean> {
    try {
      await this.datasets.insertOne({ _id: definition.name, definition, createdAt: now });
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  async find(name: string): Promise<{ definition: DatasetDefinition; createdAt: Date } | null> {
    return this.datasets.findOne({ _id: name });
  }

  async list(): Promise<{ definition: DatasetDefinition; createdAt: Date }[]> {
    return this.datasets.find({}).sort({ _id: 1 }).toArray();
  }

  async latestVersion(name: string): Promise<number> {
    const latest = await this.versions.find({ dataset: name }).sort({ version: -1 }).limit(1).next();
    return latest?.version ?? 0;
  }

  /** Freezes rows as the next version of `name`; returns the stored version. */
  async freeze(
    version: Omit<DatasetVersion, 'version' | 'createdAt'>,
    rows: readonly DatasetRow[],
  ): Promise<DatasetVersion> {
    const versionId = randomUUID();
    for (let start = 0; start < rows.length; start += RECORD_BATCH) {
      await this.records.insertMany(
        rows.slice(start, start + RECORD_BATCH).map((row, offset) => ({
          _id: `${versionId}:${start + offset}`,
          versionId,
          i: start + offset,
          documentId: row.id,
          textSha256: row.textSha256,
          label: row.label,
          text: row.text,
          language: row.language ?? null,
        })),
        { ordered: false },
      );
    }
    for (;;) {
      const number = (await this.latestVersion(version.dataset)) + 1;
      const document: VersionDocument = { ...version, _id: versionId, version: number, createdAt: new Date() };
      try {
        await this.versions.insertOne(document);
        return { ...version, version: number, createdAt: document.createdAt.toISOString() };
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
    }
  }

  async versionsOf(name: string): Promise<DatasetVersion[]> {
    const docs = await this.versions.find({ dataset: name }).sort({ version: 1 }).toArray();
    return docs.map(toVersion);
  }

  async findVersion(name: string, version: number): Promise<(DatasetVersion & { versionId: string }) | null> {
    const doc = await this.versions.findOne({ dataset: name, version });
    return doc ? { ...toVersion(doc), versionId: doc._id } : null;
  }

  /** The version's records in their frozen order, one batch at a time. */
  async *recordBatchesOf(versionId: string): AsyncGenerator<StoredRecord[]> {
    let from = 0;
    for (;;) {
      const batch = await this.records
        .find({ versionId, i: { $gte: from } })
        .sort({ i: 1 })
        .limit(RECORD_BATCH)
        .toArray();
      if (batch.length > 0)
        yield batch.map(({ documentId, textSha256, label, text, language }) => ({
          documentId,
          textSha256,
          label,
          text,
          ...(language === undefined ? {} : { language }),
        }));
      if (batch.length < RECORD_BATCH) return;
      from = (batch.at(-1)?.i ?? from) + 1;
    }
  }
}

function toVersion(doc: VersionDocument): DatasetVersion {
  const { _id: _ignored, createdAt, ...rest } = doc;
  return { ...rest, createdAt: createdAt.toISOString() };
}
