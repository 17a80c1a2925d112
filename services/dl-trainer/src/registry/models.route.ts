import {
  modelParamsSchema,
  modelSummarySchema,
  modelVersionParamsSchema,
  modelVersionSchema,
  pageQuerySchema,
  pageSchema,
  problemSchema,
} from '@mlops/contracts';
import { positionAfter, toPage, type HttpApp } from '@mlops/http';
import type { z } from 'zod';
import { latestVersionOf, type ModelRegistry } from './model-registry.js';
import { toModelVersion } from './model-version.repository.js';
import { registryErrors } from './registry-errors.js';
import { numberAfter, numberPosition } from './request-context.js';
import { requireVersion } from './version-lookup.js';

async function summaryOf(
  registry: ModelRegistry,
  name: string,
  createdAt: Date,
): Promise<z.infer<typeof modelSummarySchema> | undefined> {
  const latestVersion = await latestVersionOf(registry, name);
  if (latestVersion === 0) return undefined;
  const aliases = await registry.aliases.currentOf(name);
  return {
    name,
    createdAt: createdAt.toISOString(),
    latestVersion,
    aliases: Object.fromEntries(aliases.map((move) => [move.alias, move.version])),
  };
}

/** `/v1/models`: registered models, their versions newest first, one version. */
export function registerModelRoutes(app: HttpApp, registry: ModelRegistry): void {
  app.get(
    '/v1/models',
    {
      schema: {
        tags: ['models'],
        summary: 'List models, newest first, with their latest version and aliases',
        querystring: pageQuerySchema,
        response: { 200: pageSchema(modelSummarySchema), 400: problemSchema },
      },
    },
    async (request) => {
      const { limit, cursor } = request.query;
      const docs = await registry.models.list(limit + 1, positionAfter(cursor));
      const summaries = await Promise.all(
        docs.slice(0, limit).map((doc) => summaryOf(registry, doc._id, doc.createdAt)),
      );
      const page = toPage(
        docs,
        limit,
        (doc) => doc,
        (doc) => ({ createdAt: doc.createdAt, id: doc._id }),
      );
      return {
        items: summaries.filter((summary) => summary !== undefined),
        ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
      };
    },
  );

  app.get(
    '/v1/models/:name',
    {
      schema: {
        tags: ['models'],
        summary: 'Get a model: latest version and aliases',
        params: modelParamsSchema,
        response: { 200: modelSummarySchema, 400: problemSchema, 404: problemSchema },
      },
    },
    async (request) => {
      const { name } = request.params;
      const model = await registry.models.find(name);
      const summary = await summaryOf(registry, name, model?.createdAt ?? new Date());
      if (!summary) throw registryErrors.modelNotFound(`no model ${name}`);
      return summary;
    },
  );

  app.get(
    '/v1/models/:name/versions',
    {
      schema: {
        tags: ['models'],
        summary: 'List the versions of a model, newest first',
        params: modelParamsSchema,
        querystring: pageQuerySchema,
        response: { 200: pageSchema(modelVersionSchema), 400: problemSchema, 404: problemSchema },
      },
    },
    async (request) => {
      const { name } = request.params;
      const { limit, cursor } = request.query;
      const before = numberAfter(cursor);
      if ((await latestVersionOf(registry, name)) === 0) throw registryErrors.modelNotFound(`no model ${name}`);
      const docs = await registry.versions.list(name, limit + 1, before);
      return toPage(docs, limit, toModelVersion, (doc) => numberPosition(doc.createdAt, doc.version));
    },
  );

  app.get(
    '/v1/models/:name/versions/:version',
    {
      schema: {
        tags: ['models'],
        summary: 'Get one version (immutable). To resolve an alias use GET /v1/models/{name}/aliases/{alias}',
        params: modelVersionParamsSchema,
        response: { 200: modelVersionSchema, 400: problemSchema, 404: problemSchema },
      },
    },
    async (request) => {
      return toModelVersion(await requireVersion(registry, request.params.name, request.params.version));
    },
  );
}
