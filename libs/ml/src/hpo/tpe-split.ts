import { isBetter, type Direction, type TrialRecord } from './trial-history.js';

/**
 * Optuna's `_split_trials`: the good group takes the best `nBelow` complete trials, then (if room
 * is left) the pruned trials that went furthest and best; running trials always go to the bad
 * group (the constant liar). Both groups come back in trial order.
 */
export function splitTrials(
  trials: readonly TrialRecord[],
  nBelow: number,
  direction: Direction,
): { below: TrialRecord[]; above: TrialRecord[] } {
  const complete = trials
    .filter((t) => t.state === 'complete' && t.value !== undefined)
    .sort((a, b) => compareValues(a.value ?? NaN, b.value ?? NaN, direction));
  const pruned = trials.filter((t) => t.state === 'pruned').sort((a, b) => comparePruned(a, b, direction));
  const running = trials.filter((t) => t.state === 'running');
  const completeBelow = Math.min(nBelow, complete.length);
  const prunedBelow = Math.min(Math.max(0, nBelow - completeBelow), pruned.length);
  const below = [...complete.slice(0, completeBelow), ...pruned.slice(0, prunedBelow)];
  const above = [...complete.slice(completeBelow), ...pruned.slice(prunedBelow), ...running];
  const byNumber = (a: TrialRecord, b: TrialRecord): number => a.number - b.number;
  return { below: below.sort(byNumber), above: above.sort(byNumber) };
}

function compareValues(a: number, b: number, direction: Direction): number {
  if (a === b) return 0;
  return isBetter(a, b, direction) ? -1 : 1;
}

/** Furthest step first, then best value at that step; pruned trials with no report last. */
function comparePruned(a: TrialRecord, b: TrialRecord, direction: Direction): number {
  const lastA = a.intermediate?.at(-1);
  const lastB = b.intermediate?.at(-1);
  if (lastA === undefined || lastB === undefined) return (lastA === undefined ? 1 : 0) - (lastB === undefined ? 1 : 0);
  if (lastA[0] !== lastB[0]) return lastB[0] - lastA[0];
  return compareValues(lastA[1], lastB[1], direction);
}
