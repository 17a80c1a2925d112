import type { ApiKeySummary, Scope } from '@mlops/contracts';
import { defineCollection, isDuplicateKeyError } from '@mlops/mongo';
import type { Collection, Db } from 'mongodb';
import type { SecretHash } from './key-secret.js';

/** One API key as stored: the hash of its secret, never the secret. */
export interface ApiKeyDocument {
  /** The key's public prefix. */
  _id: string;
  owner: string;
  scopes: Scope[];
  description?: string;
  hash: SecretHash;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

export const apiKeysCollection = defineCollection<ApiKeyDocument>('api_keys', [
  { key: { owner: 1, createdAt: 1 }, name: 'by_owner' },
  { key: { scopes: 1 }, name: 'by_scope' },
]);

/** How often at most a key's `lastUsedAt` is written. */
const LAST_USED_RESOLUTION_MS = 60_000;

function withNulls(doc: ApiKeyDocument): ApiKeyDocument {
  return {
    ...doc,
    expiresAt: doc.expiresAt ?? null,
    revokedAt: doc.revokedAt ?? null,
    lastUsedAt: doc.lastUsedAt ?? null,
  };
}

/** A stored key as the API lists it. */
export function summaryOf(doc: ApiKeyDocument): ApiKeySummary {
  return {
    prefix: doc._id,
    owner: doc.owner,
    scopes: doc.scopes,
    ...(doc.description === undefined ? {} : { description: doc.description }),
    createdAt: doc.createdAt.toISOString(),
    expiresAt: doc.expiresAt?.toISOString() ?? null,
    revokedAt: doc.revokedAt?.toISOString() ?? null,
    lastUsedAt: doc.lastUsedAt?.toISOString() ?? null,
  };
}

/** The API keys, in feature-store's database. */
export class ApiKeyRepository {
  private readonly keys: Collection<ApiKeyDocument>;

  constructor(db: Db) {
    this.keys = apiKeysCollection.in(db);
  }

  /** Stores a new key; false when its prefix is taken. */
  async insert(doc: ApiKeyDocument): Promise<boolean> {
    try {
      await this.keys.insertOne(doc);
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  /** A stored key; fields a server left out when null read as null. */
  async find(prefix: string): Promise<ApiKeyDocument | null> {
    const doc = await this.keys.findOne({ _id: prefix });
    return doc && withNulls(doc);
  }

  /** Keys, oldest first; revoked ones only when asked. */
  async list(filter: { owner?: string | undefined; includeRevoked?: boolean | undefined }): Promise<ApiKeyDocument[]> {
    return this.keys
      .find({
        ...(filter.owner === undefined ? {} : { owner: filter.owner }),
        ...(filter.includeRevoked ? {} : { revokedAt: null }),
      })
      .sort({ createdAt: 1, _id: 1 })
      .limit(10_000)
      .map(withNulls)
      .toArray();
  }

  /** Marks a key revoked (a revoked key keeps its first revocation time); null when unknown. */
  async revoke(prefix: string, at: Date): Promise<ApiKeyDocument | null> {
    await this.keys.updateOne({ _id: prefix, revokedAt: null }, { $set: { revokedAt: at } });
    return this.find(prefix);
  }

  /** Whether an admin key that still opens doors exists. */
  async hasUsableAdmin(now: Date): Promise<boolean> {
    const found = await this.keys.findOne({
      scopes: 'admin',
      revokedAt: null,
      $or: [{ expiresAt: null }, { expiresAt: { $gt: now } }],
    });
    return found !== null;
  }

  /** Records a use, writing at most once a minute per key. */
  async touch(doc: ApiKeyDocument, at: Date): Promise<void> {
    const stale = new Date(at.getTime() - LAST_USED_RESOLUTION_MS);
    if (doc.lastUsedAt && doc.lastUsedAt > stale) return;
    await this.keys.updateOne(
      { _id: doc._id, $or: [{ lastUsedAt: null }, { lastUsedAt: { $lte: stale } }] },
      { $set: { lastUsedAt: at } },
    );
  }
}
