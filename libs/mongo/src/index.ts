export { connectMongo, type MongoStore } from './mongo-store.js';
export {
  defineCollection,
  ensureIndexes,
  isDuplicateKeyError,
  type CollectionDefinition,
  type IndexedCollection,
} from './collection-definition.js';
export { openBucket, uploadStream, downloadStream } from './gridfs.js';
