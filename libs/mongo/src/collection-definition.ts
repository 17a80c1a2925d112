import type { Collection, Db, Document, IndexDescription } from 'mongodb';

/** A collection and the indexes it must have, declared next to the code that uses it. */
export interface CollectionDefinition<T extends Document = Document> {
  readonly name: string;
  readonly indexes: readonly IndexDescription[];
  /** The typed collection in a database. */
  readonly in: (db: Db) => Collection<T>;
}

/** Declares a collection with its indexes. */
export function defineCollection<T extends Document>(name: string, indexes: readonly IndexDescription[]): CollectionDefinition<T> {
  return { name, indexes, in: (db) => db.collection<T>(name) };
}

/** The part of a collection definition index creation needs, whatever its document type. */
export type IndexedCollection = Pick<CollectionDefinition, 'name' | 'indexes'>;

/** Creates every declared index (idempotent; run at boot). */
export async function ensureIndexes(db: Db, definitions: readonly IndexedCollection[]): Promise<void> {
  for (const definition of definitions) {
    if (definition.indexes.length > 0) await db.collection(definition.name).createIndexes([...definition.indexes]);
  }
}

/** True for a duplicate-key write error (code 11000), which idempotent inserts treat as "already there". */
export function isDuplicateKeyError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && (error as { code: unknown }).code === 11000;
}
