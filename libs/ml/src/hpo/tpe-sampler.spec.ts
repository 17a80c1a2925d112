import { describe, expect, it } from 'vitest';
import { randomSampler } from './random-sampler.js';
import type { Sampler } from './sampler.js';
import { searchSpaceSchema, type Assignment, type SearchSpaceInput } from './search-space.js';
import { createTpeSampler } from './tpe-sampler.js';
import type { Direction, TrialRecord } from './trial-history.js';

function runStudy(
  sampler: Sampler,
  spaceInput: SearchSpaceInput,
  objective: (a: Assignment) => number,
  trials: number,
  seed: number,
  direction: Direction = 'minimize',
): TrialRecord[] {
  const space = searchSpaceSchema.parse(spaceInput);
  const history: TrialRecord[] = [];
  for (let number = 0; number < trials; number++) {
    const params = sampler({ space, seed, direction, history, trialNumber: number });
    history.push({ number, state: 'complete', params, value: objective(params) });
  }
  return history;
}

const oneD: SearchSpaceInput = [{ name: 'x', pointer: '/a', distribution: { kind: 'float', low: -10, high: 10 } }];
const twoD: SearchSpaceInput = [
  { name: 'x', pointer: '/a', distribution: { kind: 'float', low: -5, high: 5 } },
  { name: 'y', pointer: '/b', distribution: { kind: 'float', low: -5, high: 5 } },
];
const quadratic = (a: Assignment): number => ((a.x as number) - 2) ** 2;
const bowl = (a: Assignment): number => ((a.x as number) - 1) ** 2 + ((a.y as number) + 2) ** 2;

describe('TPE sampler', () => {
  it('is a pure function of (seed, history): replaying gives the same values', () => {
    const tpe = createTpeSampler();
    const first = runStudy(tpe, twoD, bowl, 25, 7);
    const again = runStudy(tpe, twoD, bowl, 25, 7);
    expect(again).toEqual(first);
    const other = runStudy(tpe, twoD, bowl, 25, 8);
    expect(other.map((t) => t.params)).not.toEqual(first.map((t) => t.params));
  });

  it('concentrates its late suggestions near the 1-D optimum', () => {
    const history = runStudy(createTpeSampler(), oneD, quadratic, 60, 3);
    // uniform sampling would put 3 of 20 there; the prior kernel keeps TPE exploring
    const late = history.slice(40).map((t) => t.params.x as number);
    const nearOptimum = late.filter((x) => Math.abs(x - 2) < 1.5).length;
    expect(nearOptimum).toBeGreaterThanOrEqual(9);
    expect(Math.min(...history.map((t) => t.value ?? NaN))).toBeLessThan(0.05);
  });

  it('beats random search on a 2-D bowl, median over seeds', () => {
    const seeds = [1, 2, 3, 4, 5, 6, 7];
    const best = (sampler: Sampler, seed: number): number =>
      Math.min(...runStudy(sampler, twoD, bowl, 40, seed).map((t) => t.value ?? NaN));
    const median = (values: number[]): number => [...values].sort((a, b) => a - b)[3] ?? NaN;
    const tpe = median(seeds.map((s) => best(createTpeSampler(), s)));
    const random = median(seeds.map((s) => best(randomSampler, s)));
    expect(tpe).toBeLessThan(random);
    expect(tpe).toBeLessThan(0.3);
  });

  it('maximises when told to, univariate too', () => {
    const history = runStudy(createTpeSampler({ multivariate: false }), twoD, (a) => -bowl(a), 50, 11, 'maximize');
    expect(Math.max(...history.map((t) => t.value ?? NaN))).toBeGreaterThan(-0.3);
  });

  it('samples log-scale and int parameters inside their ranges, spread over decades', () => {
    const space: SearchSpaceInput = [
      { name: 'lr', pointer: '/lr', distribution: { kind: 'float', low: 1e-5, high: 1, log: true } },
      { name: 'units', pointer: '/u', distribution: { kind: 'int', low: 8, high: 512, log: true } },
      { name: 'epochs', pointer: '/e', distribution: { kind: 'int', low: 2, high: 20, step: 2 } },
    ];
    const history = runStudy(createTpeSampler(), space, (a) => Math.abs(Math.log10(a.lr as number) + 3), 40, 5);
    for (const { params } of history) {
      expect(params.lr).toBeGreaterThanOrEqual(1e-5);
      expect(params.lr).toBeLessThanOrEqual(1);
      expect(Number.isInteger(params.units)).toBe(true);
      expect((params.epochs as number) % 2).toBe(0);
    }
    const startup = history.slice(0, 10).map((t) => Math.log10(t.params.lr as number));
    expect(startup.filter((d) => d < -2.5).length).toBeGreaterThan(2);
    const best = Math.min(...history.map((t) => t.value ?? NaN));
    expect(best).toBeLessThan(0.15);
  });

  it('samples a conditional parameter only when its condition holds, and learns the better branch', () => {
    const space: SearchSpaceInput = [
      { name: 'kind', pointer: '/model/kind', distribution: { kind: 'categorical', choices: ['linear', 'mlp'] } },
      {
        name: 'units',
        pointer: '/model/units',
        distribution: { kind: 'int', low: 1, high: 64 },
        when: { parameter: 'kind', in: ['mlp'] },
      },
    ];
    const objective = (a: Assignment): number => (a.kind === 'mlp' ? Math.abs((a.units as number) - 40) / 64 : 0.8);
    const history = runStudy(createTpeSampler(), space, objective, 40, 9);
    for (const { params } of history) expect('units' in params).toBe(params.kind === 'mlp');
    expect(history.slice(20).filter((t) => t.params.kind === 'mlp').length).toBeGreaterThan(14);
  });

  it('treats running trials as bad (constant liar) so parallel suggestions differ', () => {
    const space = searchSpaceSchema.parse(oneD);
    const history = runStudy(createTpeSampler(), oneD, quadratic, 15, 4);
    const tpe = createTpeSampler();
    const first = tpe({ space, seed: 4, direction: 'minimize', history, trialNumber: 15 });
    const running: TrialRecord = { number: 15, state: 'running', params: first };
    const second = tpe({ space, seed: 4, direction: 'minimize', history: [...history, running], trialNumber: 16 });
    expect(second).not.toEqual(first);
  });
});
