import { EVENTS, modelPromotedEventSchema, modelRegisteredEventSchema } from '@mlops/contracts';
import type { Logger } from '@mlops/logger';
import type { Broker } from '@mlops/messaging';
import { defineCollection, isDuplicateKeyError } from '@mlops/mongo';
import type { Collection, Db } from 'mongodb';
import type { AliasMoveDocument, AliasRepository } from './alias.repository.js';
import type { ModelVersionDocument, ModelVersionRepository } from './model-version.repository.js';
import type { RegisteredModelRepository } from './registered-model.repository.js';

/** A fact still to announce: points at a version or an alias move by its `_id`, holds no payload. */
interface PendingEventDocument {
  /** `<kind>:<fact id>`. */
  _id: string;
  kind: 'registered' | 'promoted';
  factId: string;
  createdAt: Date;
}

export const registryOutboxCollection = defineCollection<PendingEventDocument>('model_event_outbox', [
  { key: { createdAt: 1 }, name: 'by_created' },
]);

/** Pending entries whose fact never appeared (a claim lost, or a crash before it) are dropped after this. */
const ABANDONED_AFTER_MS = 60 * 60_000;
const SWEEP_BATCH = 100;

/** What announcing needs. */
export interface RegistryEventDeps {
  readonly broker: Broker;
  readonly versions: ModelVersionRepository;
  readonly aliases: AliasRepository;
  readonly models: RegisteredModelRepository;
  readonly logger: Logger;
}

/**
 * `model.registered` and `model.promoted`, published at least once. A pointer to the fact is
 * stored before the fact itself; after the broker confirms the event the pointer is deleted. If
 * the publish fails or the process dies in between, the sweeper finds the pointer, rebuilds the
 * event from the stored fact (never from the pointer) and publishes it with the same message id,
 * so consumers can drop duplicates.
 */
export class RegistryEvents {
  private readonly pending: Collection<PendingEventDocument>;

  constructor(
    db: Db,
    private readonly deps: RegistryEventDeps,
  ) {
    this.pending = registryOutboxCollection.in(db);
  }

  /** Records that the fact with this id is about to be written and must be announced. */
  async expect(kind: PendingEventDocument['kind'], factId: string, now = new Date()): Promise<void> {
    try {
      await this.pending.insertOne({ _id: `${kind}:${factId}`, kind, factId, createdAt: now });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }

  /** Forgets an expected fact that will not be written (its write failed). */
  async withdraw(kind: PendingEventDocument['kind'], factId: string): Promise<void> {
    await this.pending.deleteOne({ _id: `${kind}:${factId}` });
  }

  /** Publishes `model.registered`; a failure is logged and left to the sweeper. */
  async registered(version: ModelVersionDocument, requestId?: string): Promise<void> {
    await this.settle('registered', version._id, () => this.publishRegistered(version, requestId));
  }

  /** Publishes `model.promoted`; a failure is logged and left to the sweeper. */
  async promoted(move: AliasMoveDocument, requestId?: string): Promise<void> {
    await this.settle('promoted', move._id, () => this.publishPromoted(move, requestId));
  }

  /** Announces the facts whose pointers are older than `olderThanMs`; returns how many were published. */
  async sweep(olderThanMs: number, now = new Date()): Promise<number> {
    const due = await this.pending
      .find({ createdAt: { $lt: new Date(now.getTime() - olderThanMs) } })
      .sort({ createdAt: 1 })
      .limit(SWEEP_BATCH)
      .toArray();
    let published = 0;
    for (const entry of due) {
      const fact = entry.kind === 'registered' ? await this.registeredFact(entry) : await this.promotedFact(entry);
      if (fact) {
        await fact();
        await this.pending.deleteOne({ _id: entry._id });
        published += 1;
      } else if (now.getTime() - entry.createdAt.getTime() > ABANDONED_AFTER_MS) {
        await this.pending.deleteOne({ _id: entry._id });
      }
    }
    return published;
  }

  private async registeredFact(entry: PendingEventDocument): Promise<(() => Promise<unknown>) | undefined> {
    const separator = entry.factId.lastIndexOf(':');
    const version = await this.deps.versions.find(
      entry.factId.slice(0, separator),
      Number(entry.factId.slice(separator + 1)),
    );
    if (!version) return undefined;
    return async () => {
      await this.deps.models.noteVersion(version.name, version.version);
      await this.publishRegistered(version);
    };
  }

  private async promotedFact(entry: PendingEventDocument): Promise<(() => Promise<unknown>) | undefined> {
    const [name = '', alias = '', sequence = ''] = entry.factId.split(':');
    const move = await this.deps.aliases.findMove(name, alias, Number(sequence));
    return move ? () => this.publishPromoted(move) : undefined;
  }

  private async settle(
    kind: PendingEventDocument['kind'],
    factId: string,
    publish: () => Promise<unknown>,
  ): Promise<void> {
    try {
      await publish();
      await this.pending.deleteOne({ _id: `${kind}:${factId}` });
    } catch (error) {
      this.deps.logger.warn({ err: error, kind, factId }, 'model event not confirmed; the registry sweeper resends it');
    }
  }

  private publishRegistered(version: ModelVersionDocument, requestId?: string): Promise<string> {
    return this.deps.broker.publishEvent(
      EVENTS.modelRegistered,
      modelRegisteredEventSchema,
      {
        name: version.name,
        version: version.version,
        source: version.source,
        folderChecksum: version.folderChecksum,
        ...(version.runId === undefined ? {} : { runId: version.runId }),
        createdBy: version.createdBy,
        registeredAt: version.createdAt.toISOString(),
      },
      { messageId: `${EVENTS.modelRegistered}:${version._id}`, ...(requestId ? { requestId } : {}) },
    );
  }

  private publishPromoted(move: AliasMoveDocument, requestId?: string): Promise<string> {
    return this.deps.broker.publishEvent(
      EVENTS.modelPromoted,
      modelPromotedEventSchema,
      {
        name: move.name,
        alias: move.alias,
        version: move.version,
        previousVersion: move.previousVersion,
        sequence: move.sequence,
        movedBy: move.movedBy,
        reason: move.reason,
        movedAt: move.movedAt.toISOString(),
      },
      { messageId: `${EVENTS.modelPromoted}:${move._id}`, ...(requestId ? { requestId } : {}) },
    );
  }
}
