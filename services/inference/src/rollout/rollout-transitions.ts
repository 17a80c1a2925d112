import { EVENTS, modelRolledBackEventSchema, type RolloutHistoryEntry } from '@mlops/contracts';
import type { Broker } from '@mlops/messaging';
import type { RolloutAliases } from './rollout-aliases.js';
import { emptyFigures } from './rollout-figures.js';
import type { PendingTransition, RolloutDocument, RolloutRepository, RolloutStatus } from './rollout.repository.js';

/** What carrying out a transition needs. */
export interface TransitionDeps {
  readonly repository: RolloutRepository;
  readonly aliases: RolloutAliases;
  readonly broker: Pick<Broker, 'publishEvent'>;
}

const OUTCOME: Record<PendingTransition['kind'], { status: RolloutStatus; event: RolloutHistoryEntry['event'] }> = {
  advance: { status: 'running', event: 'advanced' },
  promote: { status: 'promoted', event: 'promoted' },
  rollback: { status: 'rolled-back', event: 'rolled-back' },
  abort: { status: 'aborted', event: 'aborted' },
};

/**
 * Carries out the claimed transition of a rollout: the alias moves in the registry (each
 * idempotent), `model.rolled-back` for a rollback or an abort, then the new stage or final status
 * in MongoDB. Interrupted anywhere, it is carried out again from the start by the next decider.
 */
export async function carryOut(deps: TransitionDeps, doc: RolloutDocument, pending: PendingTransition) {
  const stage = doc.spec.stages[doc.stageIndex];
  if (stage === undefined) throw new Error(`rollout ${doc.id} has no stage ${doc.stageIndex}`);
  const why = `rollout ${doc.id}: ${pending.reason}`;
  let stageIndex = doc.stageIndex;
  let entryStage: RolloutHistoryEntry['stage'] = stage.stage;
  if (pending.kind === 'advance') {
    const next = doc.spec.stages[doc.stageIndex + 1];
    if (next === undefined) throw new Error(`rollout ${doc.id} has no stage after ${stage.stage}`);
    await deps.aliases.point(doc.model, next.stage, doc.version, why);
    await deps.aliases.release(doc.model, stage.stage, doc.version, why);
    stageIndex += 1;
    entryStage = next.stage;
  } else if (pending.kind === 'promote') {
    await deps.aliases.point(doc.model, 'production', doc.version, why);
    await deps.aliases.release(doc.model, stage.stage, doc.version, why);
    entryStage = 'production';
  } else {
    await deps.aliases.release(doc.model, stage.stage, doc.version, why);
    await deps.broker.publishEvent(
      EVENTS.modelRolledBack,
      modelRolledBackEventSchema,
      {
        rolloutId: doc.id,
        name: doc.model,
        version: doc.version,
        productionVersion: doc.productionVersion,
        stage: stage.stage,
        cause: pending.kind === 'abort' ? 'abort' : 'guardrail',
        reason: pending.reason,
        failed: pending.guardrails.filter((check) => check.status === 'fail'),
        figures: pending.figures,
        by: pending.by,
        rolledBackAt: pending.at.toISOString(),
      },
      { messageId: `${EVENTS.modelRolledBack}:${doc.id}` },
    );
  }
  const outcome = OUTCOME[pending.kind];
  return deps.repository.completeTransition(doc.model, doc.id, {
    status: outcome.status,
    stageIndex,
    figures: pending.kind === 'advance' ? emptyFigures() : pending.figures,
    guardrails: pending.kind === 'advance' ? [] : pending.guardrails,
    entry: {
      at: new Date(),
      event: outcome.event,
      stage: entryStage,
      reason: pending.reason,
      by: pending.by,
      figures: pending.figures,
      guardrails: pending.guardrails,
    },
  });
}
