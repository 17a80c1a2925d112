import type { AliasMove } from '@mlops/contracts';
import { defineCollection, isDuplicateKeyError } from '@mlops/mongo';
import type { Collection, Db, Filter } from 'mongodb';

/** One move of an alias; append-only, the audit trail and the source of truth. */
export interface AliasMoveDocument {
  /** `<name>:<alias>:<sequence>`: inserting it claims the move, so concurrent moves are ordered. */
  _id: string;
  name: string;
  alias: string;
  sequence: number;
  /** Null for a move that removed the alias. */
  version: number | null;
  previousVersion: number | null;
  movedBy: string;
  reason: string;
  movedAt: Date;
}

/** That an alias of a model exists, with a hint of its latest move. */
export interface AliasDocument {
  /** `<name>:<alias>`. */
  _id: string;
  name: string;
  alias: string;
  createdAt: Date;
  /** A lower bound of the latest sequence, raised after each move, possibly late. */
  sequenceHint: number;
}

export const aliasMovesCollection = defineCollection<AliasMoveDocument>('model_alias_moves', [
  { key: { name: 1, alias: 1, sequence: -1 }, name: 'by_alias_sequence', unique: true },
]);
export const aliasesCollection = defineCollection<AliasDocument>('model_aliases', [
  { key: { name: 1, alias: 1 }, name: 'by_model' },
]);

/** Renders a stored move as the API shows it. */
export function toAliasMove(doc: AliasMoveDocument): AliasMove {
  return {
    name: doc.name,
    alias: doc.alias,
    sequence: doc.sequence,
    version: doc.version,
    previousVersion: doc.previousVersion,
    movedBy: doc.movedBy,
    reason: doc.reason,
    movedAt: doc.movedAt.toISOString(),
  };
}

/**
 * Aliases as an append-only log of moves per (model, alias), numbered 1, 2, 3 ... without gaps:
 * a move is the insert of `<latest sequence + 1>`, and losing that race (duplicate key) means
 * reading the new latest and deciding again. The current version of an alias is its latest
 * move, found by `_id` probes from the hint in `model_aliases`. No document is ever updated
 * except that hint, so servers without isolated updates lose nothing.
 */
export class AliasRepository {
  private readonly moves: Collection<AliasMoveDocument>;
  private readonly aliases: Collection<AliasDocument>;

  constructor(db: Db) {
    this.moves = aliasMovesCollection.in(db);
    this.aliases = aliasesCollection.in(db);
  }

  /** The latest move of the alias, or null when it never moved. */
  async current(name: string, alias: string): Promise<AliasMoveDocument | null> {
    const hint = (await this.aliases.findOne({ _id: `${name}:${alias}` }))?.sequenceHint ?? 0;
    let current = hint > 0 ? await this.findMove(name, alias, hint) : null;
    for (;;) {
      const next = await this.findMove(name, alias, (current?.sequence ?? 0) + 1);
      if (!next) return current;
      current = next;
    }
  }

  async findMove(name: string, alias: string, sequence: number): Promise<AliasMoveDocument | null> {
    return this.moves.findOne({ _id: `${name}:${alias}:${sequence}` });
  }

  /** Records that the alias exists before its first move, so listings find it. */
  async ensureAlias(name: string, alias: string, now = new Date()): Promise<void> {
    try {
      await this.aliases.insertOne({ _id: `${name}:${alias}`, name, alias, createdAt: now, sequenceHint: 0 });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }

  /** Appends a move; undefined when its sequence was taken meanwhile. */
  async append(move: Omit<AliasMoveDocument, '_id'>): Promise<AliasMoveDocument | undefined> {
    const doc: AliasMoveDocument = { _id: `${move.name}:${move.alias}:${move.sequence}`, ...move };
    try {
      await this.moves.insertOne(doc);
    } catch (error) {
      if (isDuplicateKeyError(error)) return undefined;
      throw error;
    }
    await this.aliases.updateOne({ _id: `${move.name}:${move.alias}` }, { $max: { sequenceHint: move.sequence } });
    return doc;
  }

  /** Every alias of the model that points at a version now, with its latest move, by alias name. */
  async currentOf(name: string): Promise<(AliasMoveDocument & { version: number })[]> {
    const aliases = await this.aliases.find({ name }).sort({ alias: 1 }).toArray();
    const current = await Promise.all(aliases.map((alias) => this.current(name, alias.alias)));
    return current.filter((move): move is AliasMoveDocument & { version: number } => move?.version != null);
  }

  /** The moves of an alias, newest first, below `beforeSequence` when given. */
  async history(name: string, alias: string, limit: number, beforeSequence?: number): Promise<AliasMoveDocument[]> {
    const filter: Filter<AliasMoveDocument> =
      beforeSequence === undefined ? { name, alias } : { name, alias, sequence: { $lt: beforeSequence } };
    return this.moves.find(filter).sort({ sequence: -1 }).limit(limit).toArray();
  }
}
