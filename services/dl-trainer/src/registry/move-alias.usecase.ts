import type { AliasMove, ModelVersion } from '@mlops/contracts';
import { toAliasMove, type AliasMoveDocument } from './alias.repository.js';
import { latestVersionOf, type ModelRegistry } from './model-registry.js';
import { toModelVersion } from './model-version.repository.js';
import { registryErrors } from '../errors.js';
import { requireVersion } from './version-lookup.js';

/** A request to point an alias at a version. */
export interface MoveAliasInput {
  readonly name: string;
  readonly alias: string;
  readonly version: number;
  readonly reason: string;
  readonly movedBy: string;
  readonly requestId?: string | undefined;
}

/**
 * Appends the move of an alias to `version` (null: removal) after its current move, publishing
 * `model.promoted`, unless the alias already points there (`moved: false`, the current move
 * returned, nothing announced twice). Concurrent moves are serialised by their sequence numbers:
 * each records the version it really replaced. `requireCurrent` checks the current move first.
 */
async function appendMove(
  registry: ModelRegistry,
  input: Omit<MoveAliasInput, 'version'> & { readonly version: number | null },
  requireCurrent: (current: AliasMoveDocument | null) => Promise<void> = () => Promise.resolve(),
): Promise<{ move: AliasMove; moved: boolean }> {
  for (;;) {
    const current = await registry.aliases.current(input.name, input.alias);
    await requireCurrent(current);
    if (current !== null && current.version === input.version) return { move: toAliasMove(current), moved: false };
    const sequence = (current?.sequence ?? 0) + 1;
    await registry.events.expect('promoted', `${input.name}:${input.alias}:${sequence}`);
    const move = await registry.aliases.append({
      name: input.name,
      alias: input.alias,
      sequence,
      version: input.version,
      previousVersion: current?.version ?? null,
      movedBy: input.movedBy,
      reason: input.reason,
      movedAt: new Date(),
    });
    if (move) {
      await registry.events.promoted(move, input.requestId);
      return { move: toAliasMove(move), moved: true };
    }
  }
}

/**
 * Points an alias (a stage such as `production`, or `shadow`, `canary` ...) at a version,
 * appending an audited move (who, when, why, from which version) and publishing
 * `model.promoted`. Moving an alias to the version it already points at changes nothing and
 * returns the current move (`moved: false`), so a retried request does not announce twice.
 */
export async function moveAlias(
  registry: ModelRegistry,
  input: MoveAliasInput,
): Promise<{ move: AliasMove; moved: boolean }> {
  await requireVersion(registry, input.name, input.version, '/body/version');
  await registry.aliases.ensureAlias(input.name, input.alias);
  return appendMove(registry, input);
}

/** A request to remove an alias (stop a canary or a shadow, for example). */
export type RemoveAliasInput = Omit<MoveAliasInput, 'version'>;

/**
 * Removes an alias: appends an audited move to no version (`version: null`, the version it
 * pointed at as `previousVersion`) and publishes `model.promoted` with `version: null`. Removing an
 * alias already removed changes nothing and returns that removal (`moved: false`); an alias that
 * never existed is a 404.
 */
export async function removeAlias(
  registry: ModelRegistry,
  input: RemoveAliasInput,
): Promise<{ move: AliasMove; moved: boolean }> {
  return appendMove(registry, { ...input, version: null }, async (current) => {
    if (current !== null) return;
    if ((await latestVersionOf(registry, input.name)) === 0)
      throw registryErrors.modelNotFound(`no model ${input.name}`);
    throw registryErrors.aliasNotFound(`model ${input.name} has no alias ${input.alias}`);
  });
}

/** The version an alias points at now, with its latest move; 404 when the model or the alias is unknown or removed. */
export async function resolveAlias(
  registry: ModelRegistry,
  name: string,
  alias: string,
): Promise<AliasMove & { version: number; modelVersion: ModelVersion }> {
  const current = await registry.aliases.current(name, alias);
  if (current?.version == null) {
    if ((await latestVersionOf(registry, name)) === 0) throw registryErrors.modelNotFound(`no model ${name}`);
    throw registryErrors.aliasNotFound(
      current ? `alias ${alias} of model ${name} was removed` : `model ${name} has no alias ${alias}`,
    );
  }
  const version = await registry.versions.find(name, current.version);
  if (!version) throw new Error(`alias ${name}/${alias} points at missing version ${current.version}`);
  return { ...toAliasMove(current), version: current.version, modelVersion: toModelVersion(version) };
}
