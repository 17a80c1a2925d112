import { registryRoutes } from '@mlops/contracts';
import { defineError, positionAfter, registerRoute, toPage, type HttpApp } from '@mlops/http';
import type { ModelRegistry } from './model-registry.js';
import { registryErrors } from '../errors.js';
import { toTrainingRun } from './training-run.repository.js';

const routes = registryRoutes.runs;
const badCursor = defineError('HTTP_BAD_CURSOR', 400, 'Invalid pagination cursor');

/** The rank a test-predictions cursor points after; a cursor this API did not issue is a 400. */
function rankAfter(cursor: string | undefined): number | undefined {
  if (cursor === undefined) return undefined;
  const rank = Number(
    Buffer.from(cursor, 'base64url')
      .toString('utf8')
      .replace(/^rank:/, ''),
  );
  if (Number.isInteger(rank) && rank >= 0 && Buffer.from(`rank:${rank}`).toString('base64url') === cursor) return rank;
  throw badCursor('the cursor was not issued by this API', [
    { pointer: '/querystring/cursor', message: 'invalid cursor' },
  ]);
}

/** `/v1/runs`: training runs with their config, epochs, evaluation, environment and timings. */
export function registerRunRoutes(app: HttpApp, registry: ModelRegistry): void {
  registerRoute(app, routes.list, async (request) => {
    const { limit, cursor, modelName, jobId, status } = request.query;
    const docs = await registry.runs.list({
      modelName,
      jobId,
      status,
      limit: limit + 1,
      after: positionAfter(cursor),
    });
    return toPage(docs, limit, toTrainingRun, (run) => ({ createdAt: run.createdAt, id: run._id }));
  });

  registerRoute(app, routes.get, async (request) => {
    const run = await registry.runs.findById(request.params.id);
    if (!run) throw registryErrors.runNotFound(`no training run ${request.params.id}`);
    return toTrainingRun(run);
  });

  registerRoute(app, routes.testPredictions, async (request) => {
    const { id } = request.params;
    const { truth, predicted, limit, cursor } = request.query;
    const afterRank = rankAfter(cursor);
    if (!(await registry.runs.findById(id))) throw registryErrors.runNotFound(`no training run ${id}`);
    const docs = await registry.testPredictions.list({ runId: id, truth, predicted, afterRank, limit: limit + 1 });
    const items = docs.slice(0, limit);
    const last = items.at(-1);
    return {
      items: items.map(({ documentId, truth: t, predicted: p, confidence, excerpt, textLength }) => ({
        documentId,
        truth: t,
        predicted: p,
        confidence,
        excerpt,
        textLength,
      })),
      ...(docs.length > limit && last ? { nextCursor: Buffer.from(`rank:${last.rank}`).toString('base64url') } : {}),
    };
  });
}
