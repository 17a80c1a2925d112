import { registryRoutes, type AliasMove } from '@mlops/contracts';
import { callerOf, registerRoute, toPage, type HttpApp } from '@mlops/http';
import { toAliasMove } from './alias.repository.js';
import { latestVersionOf, type ModelRegistry } from './model-registry.js';
import { moveAlias, removeAlias, resolveAlias } from './move-alias.usecase.js';
import { registryErrors } from '../errors.js';
import { numberAfter, numberPosition } from './request-context.js';

async function requireModel(registry: ModelRegistry, name: string): Promise<void> {
  if ((await latestVersionOf(registry, name)) === 0) throw registryErrors.modelNotFound(`no model ${name}`);
}

const routes = registryRoutes.aliases;

/**
 * `/v1/models/{name}/aliases`: where each alias points, move or remove one (audited, `model.promoted`), its history.
 * `onMoved` hears every move a caller made (not a repeated one), e.g. to record it as a manual decision.
 */
export function registerAliasRoutes(
  app: HttpApp,
  registry: ModelRegistry,
  onMoved: (move: AliasMove) => Promise<void> = () => Promise.resolve(),
): void {
  registerRoute(app, routes.list, async (request) => {
    await requireModel(registry, request.params.name);
    return { items: (await registry.aliases.currentOf(request.params.name)).map(toAliasMove) };
  });

  registerRoute(app, routes.resolve, async (request) =>
    resolveAlias(registry, request.params.name, request.params.alias),
  );

  registerRoute(app, routes.put, async (request) => {
    const { move, moved } = await moveAlias(registry, {
      ...request.params,
      ...request.body,
      movedBy: callerOf(request).owner,
      requestId: request.id,
    });
    if (moved) await onMoved(move);
    return move;
  });

  registerRoute(app, routes.remove, async (request) => {
    const { move, moved } = await removeAlias(registry, {
      ...request.params,
      reason: request.query.reason,
      movedBy: callerOf(request).owner,
      requestId: request.id,
    });
    if (moved) await onMoved(move);
    return move;
  });

  registerRoute(app, routes.history, async (request) => {
    const { name, alias } = request.params;
    const { limit, cursor } = request.query;
    const before = numberAfter(cursor);
    const moves = await registry.aliases.history(name, alias, limit + 1, before);
    if (moves.length === 0 && before === undefined) {
      await requireModel(registry, name);
      throw registryErrors.aliasNotFound(`model ${name} has no alias ${alias}`);
    }
    return toPage(moves, limit, toAliasMove, (move) => numberPosition(move.movedAt, move.sequence));
  });
}
