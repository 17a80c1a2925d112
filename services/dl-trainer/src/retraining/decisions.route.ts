import { retrainingRoutes, type AliasMove } from '@mlops/contracts';
import { positionAfter, registerRoute, toPage, type HttpApp } from '@mlops/http';
import type { DecisionRepository } from './decision.repository.js';

/** `GET /v1/models/{name}/decisions`: the model's promotion decisions, automatic and manual, newest first. */
export function registerDecisionRoutes(app: HttpApp, decisions: DecisionRepository): void {
  registerRoute(app, retrainingRoutes.decisions.list, async (request) => {
    const { limit, cursor } = request.query;
    const items = await decisions.listOf(request.params.name, limit + 1, positionAfter(cursor));
    return toPage(
      items,
      limit,
      (item) => item.decision,
      (item) => ({ createdAt: item.decidedAt, id: item.id }),
    );
  });
}

/**
 * Records a person's move of an alias (through `PUT`/`DELETE /v1/models/{name}/aliases/{alias}`,
 * where a reason is required) as a manual decision: back to an older version is a roll-back,
 * forward on `production` a promotion.
 */
export async function recordManualMove(decisions: DecisionRepository, move: AliasMove): Promise<void> {
  const backwards = move.version !== null && move.previousVersion !== null && move.version < move.previousVersion;
  const action = backwards
    ? 'rolled-back'
    : move.alias === 'production' && move.version !== null
      ? 'promoted'
      : 'moved';
  await decisions.record({
    id: `move:${move.name}:${move.alias}:${move.sequence}`,
    modelName: move.name,
    kind: 'manual',
    action,
    version: move.version,
    previousProduction: move.alias === 'production' ? move.previousVersion : null,
    alias: move.alias,
    reason: move.reason,
    decidedBy: move.movedBy,
    decidedAt: move.movedAt,
  });
}
