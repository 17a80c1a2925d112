import { describe, expect, it } from 'vitest';
import { erf, logGaussMass, logNdtr, ndtr, truncnormLogPdf, truncnormPpf } from './normal-math.js';
import { parallelCoordinates } from './parallel-coordinates.js';
import { samplerFor } from './sampler-spec.js';
import { searchSpaceSchema } from './search-space.js';
import { splitTrials } from './tpe-split.js';
import { bestTrial, type TrialRecord } from './trial-history.js';

const space = searchSpaceSchema.parse([
  { name: 'lr', pointer: '/lr', distribution: { kind: 'float', low: 1e-4, high: 1, log: true } },
  { name: 'kind', pointer: '/kind', distribution: { kind: 'categorical', choices: ['a', 'b'] } },
  { name: 'n', pointer: '/n', distribution: { kind: 'int', low: 1, high: 9 }, when: { parameter: 'kind', in: ['b'] } },
]);

const trials: TrialRecord[] = [
  { number: 0, state: 'complete', params: { lr: 0.1, kind: 'a' }, value: 0.5 },
  { number: 1, state: 'complete', params: { lr: 0.01, kind: 'b', n: 3 }, value: 0.8 },
  {
    number: 2,
    state: 'pruned',
    params: { lr: 0.5, kind: 'a' },
    intermediate: [
      [1, 0.2],
      [2, 0.3],
    ],
  },
  { number: 3, state: 'pruned', params: { lr: 0.2, kind: 'a' }, intermediate: [[1, 0.4]] },
  { number: 4, state: 'pruned', params: { lr: 0.3, kind: 'a' } },
  { number: 5, state: 'running', params: { lr: 0.05, kind: 'b', n: 5 } },
  { number: 6, state: 'failed', params: { lr: 0.9, kind: 'a' } },
  { number: 7, state: 'complete', params: { lr: 0.02, kind: 'b', n: 4 }, value: 0.8 },
];

describe('study analysis', () => {
  it('finds the best complete trial (ties to the earliest), for either direction', () => {
    expect(bestTrial(trials, 'maximize')?.number).toBe(1);
    expect(bestTrial(trials, 'minimize')?.number).toBe(0);
    expect(bestTrial([], 'maximize')).toBeUndefined();
  });

  it('splits like Optuna: best complete first, then pruned by furthest step, running always above', () => {
    const { below, above } = splitTrials(trials, 4, 'maximize');
    expect(below.map((t) => t.number)).toEqual([0, 1, 2, 7]);
    expect(above.map((t) => t.number)).toEqual([3, 4, 5]);
    const best2 = splitTrials(trials, 2, 'maximize');
    expect(best2.below.map((t) => t.number)).toEqual([1, 7]);
    expect(best2.above.map((t) => t.number)).toEqual([0, 2, 3, 4, 5]);
    expect(splitTrials(trials, 6, 'maximize').below.map((t) => t.number)).toEqual([0, 1, 2, 3, 4, 7]);
  });

  it('gives parallel-coordinates axes per parameter plus the objective, null where a parameter is absent', () => {
    const data = parallelCoordinates(space, trials);
    expect(data.trialNumbers).toEqual([0, 1, 7]);
    expect(data.axes.map((a) => a.name)).toEqual(['lr', 'kind', 'n', 'objective']);
    expect(data.axes[0]).toMatchObject({ kind: 'float', log: true, range: [1e-4, 1] });
    expect(data.axes[1]).toMatchObject({ kind: 'categorical', choices: ['a', 'b'] });
    expect(data.axes[2]?.values).toEqual([null, 3, 4]);
    expect(data.axes[3]?.values).toEqual([0.5, 0.8, 0.8]);
  });

  it('builds the sampler a spec names', () => {
    const input = { space, seed: 1, direction: 'maximize' as const, history: [], trialNumber: 0 };
    expect(samplerFor({ kind: 'random' })(input)).toEqual(
      samplerFor({ kind: 'tpe', nStartupTrials: 10, nEiCandidates: 24, multivariate: true, constantLiar: true })(input),
    );
  });
});

describe('normal math', () => {
  it('matches known values of erf and the normal CDF, in the tails too', () => {
    expect(erf(0.5)).toBeCloseTo(0.5204998778, 9);
    expect(erf(3)).toBeCloseTo(0.9999779095, 9);
    expect(erf(-3)).toBeCloseTo(-0.9999779095, 9);
    expect(ndtr(1.96)).toBeCloseTo(0.9750021049, 9);
    expect(ndtr(-1.96)).toBeCloseTo(0.0249978951, 9);
    expect(logNdtr(-10)).toBeCloseTo(-53.23128515, 6);
    expect(logNdtr(8)).toBeCloseTo(-6.22e-16, 18);
  });

  it('gives truncated-normal masses, quantiles and densities that agree', () => {
    expect(Math.exp(logGaussMass(-1, 1))).toBeCloseTo(0.6826894921, 9);
    expect(Math.exp(logGaussMass(1, 2))).toBeCloseTo(0.135905122, 9);
    expect(Math.exp(logGaussMass(-2, -1))).toBeCloseTo(0.135905122, 9);
    expect(truncnormPpf(0.5, -1, 1)).toBeCloseTo(0, 9);
    expect(truncnormPpf(0.5, 1, 3)).toBeGreaterThan(1);
    expect(truncnormPpf(0, 1, 3)).toBe(1);
    expect(truncnormPpf(1, 1, 3)).toBe(3);
    expect(truncnormPpf(0.3, -30, -29)).toBeLessThan(-29);
    expect(truncnormLogPdf(5, -1, 1, 0, 1)).toBe(-Infinity);
    expect(Math.exp(truncnormLogPdf(0, -1, 1, 0, 1))).toBeCloseTo(0.3989422804 / 0.6826894921, 9);
  });
});
