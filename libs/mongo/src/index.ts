export { connectMongo, type MongoStore } from './mongo-store.js';
export {
  defineCollection,
  ensureIndexes,
  isDuplicateKeyError,
  type IndexedCollection,
} from './collection-definition.js';
export { openBucket, uploadStream, downloadStream } from './gridfs.js';
/** @public What `defineCollection` returns, so that a service can name its collections' definitions. */
export type { CollectionDefinition } from './collection-definition.js';
export {
  deleteOrphanFiles,
  startOrphanFileSweeper,
  type OrphanSweep,
  type OrphanSweepResult,
  type OrphanSweeperOptions,
} from './orphan-files.js';
