import type { Collection, Db, Document, IndexDescription } from 'mongodb';

/** A collection and the indexes it must have, declared next to the code that uses it. */
export interface CollectionDefinition<T extends Document = Document> {
  readonly name: string;
  readonly indexes: readonly IndexDescription[];
  /** The typed collection in a database. */
  readonly in: (db: Db) => Collection<T>;
}

/** Declares a collection with its indexes. */
export function defineCollection<T extends Document>(
  name: string,
  indexes: readonly IndexDescription[],
): CollectionDefinition<T> {
  return { name, indexes, in: (db) => db.collection<T>(name) };
}

/** The part of a collection definition index creation needs, whatever its document type. */
export type IndexedCollection = Pick<CollectionDefinition, 'name' | 'indexes'>;

/**
 * Creates the declared indexes that do not exist yet (idempotent; run at boot). Missing ones
 * are created one command each: FerretDB 1.24 panics on a multi-index `createIndexes` whose
 * indexes already exist, and MongoDB accepts either form.
 */
export async function ensureIndexes(db: Db, definitions: readonly IndexedCollection[]): Promise<void> {
  for (const definition of definitions) {
    if (definition.indexes.length === 0) continue;
    const collection = db.collection(definition.name);
    const existing = new Set(
      (
        await collection
          .listIndexes()
          .toArray()
          .catch(() => [] as Document[])
      ).map((index: Document) => String(index.name)),
    );
    for (const index of definition.indexes) {
      if (index.name && existing.has(index.name)) continue;
      await collection.createIndexes([index]);
    }
  }
}

/** True for a duplicate-key write error (code 11000), which idempotent inserts treat as "already there". */
export function isDuplicateKeyError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 11000;
}
