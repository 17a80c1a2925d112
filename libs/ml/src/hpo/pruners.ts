import { prunerSpecSchema } from '@mlops/contracts';
import type { z } from 'zod';
import { isBetter, type Direction, type TrialRecord } from './trial-history.js';

export { prunerSpecSchema };
export type PrunerSpec = z.output<typeof prunerSpecSchema>;

/** What a pruner sees: the trial (with its intermediate values so far), every other trial, the direction. */
export interface PruneInput {
  readonly trial: TrialRecord;
  readonly others: readonly TrialRecord[];
  readonly direction: Direction;
}

/** Whether to stop the trial after its latest reported step. Pure, like the samplers. */
export function shouldPrune(spec: PrunerSpec, input: PruneInput): boolean {
  if (spec.kind === 'median') return medianPrune(spec, input);
  if (spec.kind === 'asha') return ashaPrune(spec, input);
  return false;
}

function medianPrune(spec: Extract<PrunerSpec, { kind: 'median' }>, { trial, others, direction }: PruneInput): boolean {
  const last = trial.intermediate?.at(-1);
  if (last === undefined) return false;
  const [step] = last;
  if (step < spec.warmupSteps) return false;
  const complete = others.filter((t) => t.state === 'complete' && t.number !== trial.number);
  if (complete.length < spec.startupTrials) return false;
  const atStep = complete.flatMap((t) => t.intermediate?.filter(([s]) => s === step).map(([, v]) => v) ?? []);
  if (atStep.length < spec.minTrials) return false;
  const best = bestSoFar(trial.intermediate ?? [], direction);
  return isBetter(median(atStep), best, direction);
}

function ashaPrune(spec: Extract<PrunerSpec, { kind: 'asha' }>, { trial, others, direction }: PruneInput): boolean {
  const last = trial.intermediate?.at(-1);
  if (last === undefined) return false;
  const [step, value] = last;
  const rung = rungAt(step, spec);
  if (rung === undefined) return false;
  const rungStep = rungStepOf(rung, spec);
  const competing = [
    value,
    ...others
      .filter((t) => t.number !== trial.number)
      .flatMap((t) => t.intermediate?.filter(([s]) => s === rungStep).map(([, v]) => v) ?? []),
  ];
  const promotable = Math.max(0, Math.floor(competing.length / spec.reductionFactor) - 1);
  const sorted = [...competing].sort((a, b) => (isBetter(a, b, direction) ? -1 : isBetter(b, a, direction) ? 1 : 0));
  const threshold = sorted[promotable] ?? 0;
  return isBetter(threshold, value, direction);
}

/** The rung whose step is exactly `step`, if any (rungs at minResource·factor^(rate + k), k ≥ 0). */
function rungAt(step: number, spec: Extract<PrunerSpec, { kind: 'asha' }>): number | undefined {
  for (let rung = 0; rung < 32; rung++) {
    const rungStep = rungStepOf(rung, spec);
    if (rungStep === step) return rung;
    if (rungStep > step) return undefined;
  }
  return undefined;
}

function rungStepOf(rung: number, spec: Extract<PrunerSpec, { kind: 'asha' }>): number {
  return spec.minResource * spec.reductionFactor ** (spec.minEarlyStoppingRate + rung);
}

function bestSoFar(values: readonly (readonly [number, number])[], direction: Direction): number {
  return values.reduce((best, [, v]) => (isBetter(v, best, direction) ? v : best), values[0]?.[1] ?? NaN);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
