import type { RolloutState } from '@mlops/contracts';
import type { RolloutDocument } from './rollout.repository.js';

/** The stage a rollout is at: its current stage while running, production once promoted, else the last one reached. */
export function currentStage(doc: RolloutDocument): RolloutState['stage'] {
  if (doc.status === 'promoted') return 'production';
  const stages = doc.spec.stages;
  return (stages[Math.min(doc.stageIndex, stages.length - 1)] ?? { stage: 'canary' as const }).stage;
}

/** The answer of the rollout routes for a stored rollout. */
export function toRolloutState(doc: RolloutDocument): RolloutState {
  return {
    id: doc.id,
    model: doc.model,
    version: doc.version,
    productionVersion: doc.productionVersion,
    status: doc.status,
    stage: currentStage(doc),
    stageIndex: doc.stageIndex,
    stageStartedAt: doc.stageStartedAt.toISOString(),
    spec: doc.spec,
    figures: doc.figures,
    guardrails: doc.guardrails,
    history: doc.history.map((entry) => ({ ...entry, at: entry.at.toISOString() })),
    startedBy: doc.startedBy,
    startedAt: doc.startedAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
  };
}
