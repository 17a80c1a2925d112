import { registryRoutes, type modelSummarySchema } from '@mlops/contracts';
import { positionAfter, registerRoute, toPage, type HttpApp } from '@mlops/http';
import type { z } from 'zod';
import { latestVersionOf, type ModelRegistry } from './model-registry.js';
import { toModelVersion } from './model-version.repository.js';
import { registryErrors } from '../errors.js';
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
  registerRoute(app, registryRoutes.models.list, async (request) => {
    const { limit, cursor } = request.query;
    const docs = await registry.models.list(limit + 1, positionAfter(cursor));
    const summaries = await Promise.all(docs.slice(0, limit).map((doc) => summaryOf(registry, doc._id, doc.createdAt)));
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
  });

  registerRoute(app, registryRoutes.models.get, async (request) => {
    const { name } = request.params;
    const model = await registry.models.find(name);
    const summary = await summaryOf(registry, name, model?.createdAt ?? new Date());
    if (!summary) throw registryErrors.modelNotFound(`no model ${name}`);
    return summary;
  });

  registerRoute(app, registryRoutes.versions.list, async (request) => {
    const { name } = request.params;
    const { limit, cursor } = request.query;
    const before = numberAfter(cursor);
    if ((await latestVersionOf(registry, name)) === 0) throw registryErrors.modelNotFound(`no model ${name}`);
    const docs = await registry.versions.list(name, limit + 1, before);
    return toPage(docs, limit, toModelVersion, (doc) => numberPosition(doc.createdAt, doc.version));
  });

  registerRoute(app, registryRoutes.versions.get, async (request) =>
    toModelVersion(await requireVersion(registry, request.params.name, request.params.version)),
  );
}
