import type { SearchSpace } from './search-space.js';
import type { TrialRecord } from './trial-history.js';

/** One axis of a parallel-coordinates plot: a parameter (or the objective) and its values by trial. */
export interface ParallelAxis {
  readonly name: string;
  readonly kind: 'float' | 'int' | 'categorical' | 'objective';
  readonly log?: boolean;
  readonly range?: readonly [number, number];
  readonly choices?: readonly (string | number | boolean)[];
  /** One entry per line, null where the trial did not set the parameter. */
  readonly values: readonly (string | number | boolean | null)[];
}

/** Parallel-coordinates data: one line per complete trial, one axis per parameter plus the objective. */
export function parallelCoordinates(
  space: SearchSpace,
  history: readonly TrialRecord[],
): {
  readonly trialNumbers: readonly number[];
  readonly axes: readonly ParallelAxis[];
} {
  const lines = history.filter((t) => t.state === 'complete' && t.value !== undefined);
  const axes: ParallelAxis[] = space.map((parameter) => {
    const { distribution } = parameter;
    const values = lines.map((t) => t.params[parameter.name] ?? null);
    return distribution.kind === 'categorical'
      ? { name: parameter.name, kind: 'categorical', choices: distribution.choices, values }
      : {
          name: parameter.name,
          kind: distribution.kind,
          log: distribution.log,
          range: [distribution.low, distribution.high],
          values,
        };
  });
  axes.push({ name: 'objective', kind: 'objective', values: lines.map((t) => t.value ?? NaN) });
  return { trialNumbers: lines.map((t) => t.number), axes };
}
