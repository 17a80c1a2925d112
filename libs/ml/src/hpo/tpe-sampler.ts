import type { Random } from '../core/random.js';
import { buildParzenEstimator, parzenLogPdf, sampleParzen, type ParzenOptions } from './parzen-estimator.js';
import { randomSampler } from './random-sampler.js';
import type { Sampler } from './sampler.js';
import { isActive, type Assignment, type ParameterValue, type SearchParameter } from './search-space.js';
import { splitTrials } from './tpe-split.js';
import type { TrialRecord } from './trial-history.js';
import { trialRandom } from './trial-random.js';

/** TPE settings; every default is Optuna 5's `TPESampler` default for a single objective. */
export interface TpeOptions extends ParzenOptions {
  /** Random trials before TPE starts. Default 10. */
  readonly nStartupTrials: number;
  /** Candidates drawn from l(x) and ranked by l(x)/g(x). Default 24. */
  readonly nEiCandidates: number;
  /** One joint estimator over the unconditional parameters instead of one per parameter (conditional ones stay univariate, as Optuna's independent fallback). Default true. */
  readonly multivariate: boolean;
  /** Running trials join the bad group with their parameters, so parallel workers spread out. Default true. */
  readonly constantLiar: boolean;
  /** Size of the good group for n finished trials. Default min(ceil(0.1·n), 25). */
  readonly gamma: (finished: number) => number;
}

/** Optuna's default gamma: the best 10% of finished trials, at most 25. */
export function defaultGamma(finished: number): number {
  return Math.min(Math.ceil(0.1 * finished), 25);
}

/** The defaults of Optuna's `TPESampler`. */
export const TPE_DEFAULTS: TpeOptions = {
  nStartupTrials: 10,
  nEiCandidates: 24,
  multivariate: true,
  constantLiar: true,
  gamma: defaultGamma,
  priorWeight: 1,
  considerMagicClip: true,
  considerEndpoints: false,
};

/**
 * The tree-structured Parzen estimator (Bergstra et al. 2011) as Optuna implements it: split the
 * finished trials into a good group (the best gamma(n)) and the rest, fit a Parzen estimator to
 * each, draw candidates from the good one l(x) and keep the one maximising log l(x) − log g(x).
 */
export function createTpeSampler(overrides: Partial<TpeOptions> = {}): Sampler {
  const options: TpeOptions = { ...TPE_DEFAULTS, ...overrides };
  return (input) => {
    const finished = input.history.filter((t) => t.state === 'complete' || t.state === 'pruned');
    if (finished.length < options.nStartupTrials) return randomSampler(input);
    const random = trialRandom(input.seed, input.trialNumber, 1);
    const considered = input.history.filter(
      (t) =>
        t.number !== input.trialNumber &&
        (t.state === 'complete' || t.state === 'pruned' || (options.constantLiar && t.state === 'running')),
    );
    const groups = splitTrials(considered, options.gamma(finished.length), input.direction);
    const values: Record<string, ParameterValue> = {};
    const joint = options.multivariate ? input.space.filter((p) => p.when === undefined) : [];
    if (joint.length > 0) Object.assign(values, sampleGroup(joint, groups, random, options));
    for (const parameter of input.space) {
      if (parameter.name in values || !isActive(parameter, values)) continue;
      Object.assign(values, sampleGroup([parameter], groups, random, options));
    }
    return values satisfies Assignment;
  };
}

/** Draws one value per parameter of `group` jointly, from the trials in which all of them are set. */
function sampleGroup(
  group: readonly SearchParameter[],
  groups: { readonly below: readonly TrialRecord[]; readonly above: readonly TrialRecord[] },
  random: Random,
  options: TpeOptions,
): Assignment {
  const distributions = group.map((p) => p.distribution);
  const below = buildParzenEstimator(observations(groups.below, group), distributions, options);
  const above = buildParzenEstimator(observations(groups.above, group), distributions, options);
  const candidates = sampleParzen(below, random, options.nEiCandidates);
  const logL = parzenLogPdf(below, candidates);
  const logG = parzenLogPdf(above, candidates);
  let bestIndex = 0;
  let bestScore = -Infinity;
  candidates.forEach((_, i) => {
    const score = (logL[i] ?? 0) - (logG[i] ?? 0);
    if (score > bestScore) {
      bestScore = score;
      bestIndex = i;
    }
  });
  const chosen = candidates[bestIndex] ?? [];
  return Object.fromEntries(group.map((p, d) => [p.name, toExternal(p, chosen[d] ?? 0)]));
}

function observations(trials: readonly TrialRecord[], group: readonly SearchParameter[]): number[][] {
  const rows: number[][] = [];
  for (const trial of trials) {
    const row = group.map((p) => toInternal(p, trial.params[p.name]));
    if (row.every((v) => v !== undefined)) rows.push(row);
  }
  return rows;
}

function toInternal(parameter: SearchParameter, value: ParameterValue | undefined): number | undefined {
  if (value === undefined) return undefined;
  const { distribution } = parameter;
  if (distribution.kind === 'categorical') {
    const index = distribution.choices.indexOf(value);
    return index < 0 ? undefined : index;
  }
  return typeof value === 'number' && value >= distribution.low && value <= distribution.high ? value : undefined;
}

function toExternal(parameter: SearchParameter, internal: number): ParameterValue {
  const { distribution } = parameter;
  if (distribution.kind === 'categorical') return distribution.choices[internal] ?? distribution.choices[0] ?? '';
  if (distribution.kind === 'int') return Math.round(internal);
  return internal;
}
