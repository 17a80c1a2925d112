import type { Assignment } from './search-space.js';

/** Where a trial stands; samplers learn from complete and pruned trials, and lie about running ones. */
export type TrialState = 'running' | 'complete' | 'pruned' | 'failed';

/** Whether a larger or a smaller objective is better. */
export type Direction = 'maximize' | 'minimize';

/** One trial as the sampler sees it: immutable, numbered from 0 in suggestion order. */
export interface TrialRecord {
  readonly number: number;
  readonly state: TrialState;
  readonly params: Assignment;
  /** Objective of a complete trial. */
  readonly value?: number;
  /** Per-step objective reported while it ran (epoch → validation metric). */
  readonly intermediate?: readonly (readonly [step: number, value: number])[];
}

/** The best complete trial for `direction`, ties to the earliest; undefined when none completed. */
export function bestTrial(history: readonly TrialRecord[], direction: Direction): TrialRecord | undefined {
  let best: TrialRecord | undefined;
  for (const trial of history) {
    if (trial.state !== 'complete' || trial.value === undefined) continue;
    if (best?.value === undefined || isBetter(trial.value, best.value, direction)) best = trial;
  }
  return best;
}

/** Whether `a` beats `b` for `direction`. */
export function isBetter(a: number, b: number, direction: Direction): boolean {
  return direction === 'maximize' ? a > b : a < b;
}
