import {
  aliasMoveSchema,
  modelAliasParamsSchema,
  modelParamsSchema,
  moveAliasBodySchema,
  pageQuerySchema,
  pageSchema,
  problemSchema,
  removeAliasQuerySchema,
  resolvedAliasSchema,
  STANDARD_MODEL_STAGES,
} from '@mlops/contracts';
import { toPage, type HttpApp } from '@mlops/http';
import { z } from 'zod';
import { toAliasMove } from './alias.repository.js';
import { latestVersionOf, type ModelRegistry } from './model-registry.js';
import { moveAlias, removeAlias, resolveAlias } from './move-alias.usecase.js';
import { registryErrors } from './registry-errors.js';
import { numberAfter, numberPosition, requestUser } from './request-context.js';

const STAGES_NOTE = `Standard stages: ${STANDARD_MODEL_STAGES.map((stage) => `\`${stage}\``).join(', ')}; any other slug (\`shadow\`, \`canary\`) works the same way.`;

async function requireModel(registry: ModelRegistry, name: string): Promise<void> {
  if ((await latestVersionOf(registry, name)) === 0) throw registryErrors.modelNotFound(`no model ${name}`);
}

/** `/v1/models/{name}/aliases`: where each alias points, move or remove one (audited, `model.promoted`), its history. */
export function registerAliasRoutes(app: HttpApp, registry: ModelRegistry): void {
  app.get(
    '/v1/models/:name/aliases',
    {
      schema: {
        tags: ['aliases'],
        summary: 'List the aliases of a model with their current version',
        description: STAGES_NOTE,
        params: modelParamsSchema,
        response: { 200: z.object({ items: z.array(aliasMoveSchema) }), 400: problemSchema, 404: problemSchema },
      },
    },
    async (request) => {
      await requireModel(registry, request.params.name);
      return { items: (await registry.aliases.currentOf(request.params.name)).map(toAliasMove) };
    },
  );

  app.get(
    '/v1/models/:name/aliases/:alias',
    {
      schema: {
        tags: ['aliases'],
        summary: 'Resolve an alias: its latest move and the version it points at',
        description: `Use this to find, for example, the production version, then fetch its files by number. ${STAGES_NOTE}`,
        params: modelAliasParamsSchema,
        response: { 200: resolvedAliasSchema, 400: problemSchema, 404: problemSchema },
      },
    },
    async (request) => resolveAlias(registry, request.params.name, request.params.alias),
  );

  app.put(
    '/v1/models/:name/aliases/:alias',
    {
      schema: {
        tags: ['aliases'],
        summary: 'Point an alias at a version (promote, demote, roll back)',
        description:
          'Appends an audited move (`x-user` header, time, reason, previous version) and publishes `model.promoted`. ' +
          `Pointing an alias at the version it already has changes nothing and publishes nothing. ${STAGES_NOTE}`,
        params: modelAliasParamsSchema,
        body: moveAliasBodySchema,
        response: { 200: aliasMoveSchema, 400: problemSchema, 404: problemSchema },
      },
    },
    async (request) => {
      const { move } = await moveAlias(registry, {
        ...request.params,
        ...request.body,
        movedBy: requestUser(request.headers['x-user']),
        requestId: request.id,
      });
      return move;
    },
  );

  app.delete(
    '/v1/models/:name/aliases/:alias',
    {
      schema: {
        tags: ['aliases'],
        summary: 'Remove an alias (stop a canary or a shadow)',
        description:
          'Appends an audited move to no version (`version: null`, `x-user` header, time, `reason`) and publishes ' +
          '`model.promoted` with `version: null`; resolving the alias answers 404 afterwards, and moving it again ' +
          'brings it back. Removing an alias already removed changes nothing and publishes nothing. Inference stops ' +
          'serving a removed `canary` or `shadow`; a removed `production` keeps its last version serving.',
        params: modelAliasParamsSchema,
        querystring: removeAliasQuerySchema,
        response: { 200: aliasMoveSchema, 400: problemSchema, 404: problemSchema },
      },
    },
    async (request) => {
      const { move } = await removeAlias(registry, {
        ...request.params,
        reason: request.query.reason,
        movedBy: requestUser(request.headers['x-user']),
        requestId: request.id,
      });
      return move;
    },
  );

  app.get(
    '/v1/models/:name/aliases/:alias/history',
    {
      schema: {
        tags: ['aliases'],
        summary: 'The audit trail of an alias, newest move first',
        params: modelAliasParamsSchema,
        querystring: pageQuerySchema,
        response: { 200: pageSchema(aliasMoveSchema), 400: problemSchema, 404: problemSchema },
      },
    },
    async (request) => {
      const { name, alias } = request.params;
      const { limit, cursor } = request.query;
      const before = numberAfter(cursor);
      const moves = await registry.aliases.history(name, alias, limit + 1, before);
      if (moves.length === 0 && before === undefined) {
        await requireModel(registry, name);
        throw registryErrors.aliasNotFound(`model ${name} has no alias ${alias}`);
      }
      return toPage(moves, limit, toAliasMove, (move) => numberPosition(move.movedAt, move.sequence));
    },
  );
}
