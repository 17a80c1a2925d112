import type { StudyCreate } from '@mlops/contracts';
import type { TrainingRunDocument } from '../registry/training-run.repository.js';

type Objective = StudyCreate['objective'];

/** The per-epoch metric a trial reports to the pruner: the objective, or its validation twin for test objectives. */
function epochMetric(objective: Objective): string {
  if (objective.metric === 'testMacroF1') return 'validationMacroF1';
  if (objective.metric === 'testAccuracy') return 'validationAccuracy';
  return objective.metric;
}

/** The trial's per-epoch objective so far, in epoch order. */
export function intermediateOf(
  run: TrainingRunDocument | null,
  objective: Objective,
): { epoch: number; value: number }[] {
  if (!run) return [];
  const metric = epochMetric(objective);
  return Object.entries(run.epochs)
    .map(([epoch, entry]) => ({ epoch: Number(epoch), value: entry.metrics[metric] }))
    .filter((point): point is { epoch: number; value: number } => typeof point.value === 'number')
    .sort((a, b) => a.epoch - b.epoch);
}

/**
 * The objective of a finished trial: a validation metric at the run's best epoch (the weights
 * early stopping kept; the best over epochs when the run names none), or the test metric of its evaluation.
 */
export function objectiveOf(run: TrainingRunDocument, objective: Objective): number | undefined {
  const evaluation =
    run.evaluationJson === undefined ? {} : (JSON.parse(run.evaluationJson) as Record<string, unknown>);
  if (objective.metric === 'testMacroF1') return numberOr(evaluation.macroF1);
  if (objective.metric === 'testAccuracy') return numberOr(evaluation.accuracy);
  const curve = intermediateOf(run, objective);
  const atBest = curve.find((point) => point.epoch === evaluation.bestEpoch);
  if (atBest) return atBest.value;
  if (curve.length === 0) return undefined;
  const values = curve.map((point) => point.value);
  return objective.direction === 'maximize' ? Math.max(...values) : Math.min(...values);
}

function numberOr(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}
