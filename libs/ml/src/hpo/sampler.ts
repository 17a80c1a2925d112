import type { Assignment, SearchSpace } from './search-space.js';
import type { Direction, TrialRecord } from './trial-history.js';

/** What a sampler is asked: the space, the study seed and direction, the history, the trial to fill. */
export interface SuggestInput {
  readonly space: SearchSpace;
  readonly seed: number;
  readonly direction: Direction;
  /** Every trial numbered below `trialNumber` (running ones included), never mutated. */
  readonly history: readonly TrialRecord[];
  readonly trialNumber: number;
}

/**
 * A sampler: a pure function of its input. The same seed and history always give the same values,
 * which is what lets a restarted study reproduce its suggestions by replaying the history.
 */
export type Sampler = (input: SuggestInput) => Assignment;
