export { connectMongo, type MongoStore } from './mongo-store.js';
export {
  defineCollection,
  ensureIndexes,
  isDuplicateKeyError,
  type IndexedCollection,
} from './collection-definition.js';
export { openBucket, uploadStream, downloadStream, insertFiles } from './gridfs.js';
/** @public What `defineCollection` returns, so that a service can name its collections' definitions. */
export type { CollectionDefinition } from './collection-definition.js';
export { deleteOrphanFiles, startOrphanFileSweeper } from './orphan-files.js';
/** @public The types in the signatures of `deleteOrphanFiles` and `startOrphanFileSweeper`. */
export type { OrphanSweep, OrphanSweepResult, OrphanSweeperOptions } from './orphan-files.js';
