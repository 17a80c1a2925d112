import { describe, expect, it } from 'vitest';
import { applyOverrides, assertPointersExist, UnknownConfigFieldError } from './config-overrides.js';
import { parameterImportances } from './importance.js';
import { randomSampler } from './random-sampler.js';
import { searchSpaceSchema } from './search-space.js';

describe('search space', () => {
  it('names the field of an empty range, a log scale over zero and an unknown condition', () => {
    const result = searchSpaceSchema.safeParse([
      { name: 'a', pointer: '/x', distribution: { kind: 'float', low: 1, high: 1 } },
      { name: 'b', pointer: '/y', distribution: { kind: 'float', low: 0, high: 1, log: true } },
      {
        name: 'c',
        pointer: '/z',
        distribution: { kind: 'int', low: 1, high: 3 },
        when: { parameter: 'nope', in: [1] },
      },
    ]);
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['0.distribution.high', '1.distribution.low', '2.when.parameter']));
  });

  it('random sampler is deterministic per (seed, trial number) and respects the grid', () => {
    const space = searchSpaceSchema.parse([
      { name: 'p', pointer: '/p', distribution: { kind: 'float', low: 0, high: 1, step: 0.1 } },
      { name: 'q', pointer: '/q', distribution: { kind: 'categorical', choices: ['a', 'b'] } },
    ]);
    const draw = (trialNumber: number): unknown =>
      randomSampler({ space, seed: 3, direction: 'maximize', history: [], trialNumber });
    expect(draw(5)).toEqual(draw(5));
    for (let n = 0; n < 30; n++) {
      const { p } = draw(n) as { p: number };
      expect(Math.round(p * 10) / 10).toBe(p);
    }
  });
});

describe('config overrides', () => {
  const base = Object.freeze({
    optimization: Object.freeze({ learningRate: 0.1, epochs: 5 }),
    model: Object.freeze({ kind: 'linear' }),
  });
  const space = searchSpaceSchema.parse([
    {
      name: 'lr',
      pointer: '/optimization/learningRate',
      distribution: { kind: 'float', low: 1e-4, high: 1, log: true },
    },
    { name: 'kind', pointer: '/model/kind', distribution: { kind: 'categorical', choices: ['linear', 'mlp'] } },
    {
      name: 'hidden',
      pointer: '/model/hiddenUnits',
      distribution: { kind: 'int', low: 4, high: 64 },
      when: { parameter: 'kind', in: ['mlp'] },
    },
  ]);

  it('writes each value at its pointer into a frozen copy, never the base', () => {
    const resolved = applyOverrides(base, space, { lr: 0.01, kind: 'mlp', hidden: 16 });
    expect(resolved).toEqual({
      optimization: { learningRate: 0.01, epochs: 5 },
      model: { kind: 'mlp', hiddenUnits: 16 },
    });
    expect(base.optimization.learningRate).toBe(0.1);
    expect(Object.isFrozen(resolved.optimization)).toBe(true);
  });

  it('rejects a pointer that names no config field', () => {
    expect(() => assertPointersExist(space, base)).not.toThrow();
    const bad = searchSpaceSchema.parse([
      { name: 'x', pointer: '/optimization/nope', distribution: { kind: 'float', low: 0, high: 1 } },
    ]);
    expect(() => assertPointersExist(bad, base)).toThrow(UnknownConfigFieldError);
  });
});

describe('parameter importances', () => {
  it('gives the parameter that drives the objective most of the importance', () => {
    const space = searchSpaceSchema.parse([
      { name: 'strong', pointer: '/a', distribution: { kind: 'float', low: 0, high: 1 } },
      { name: 'weak', pointer: '/b', distribution: { kind: 'float', low: 0, high: 1 } },
    ]);
    const history = Array.from({ length: 40 }, (_, number) => {
      const params = randomSampler({ space, seed: 1, direction: 'maximize', history: [], trialNumber: number });
      return {
        number,
        state: 'complete' as const,
        params,
        value: 10 * (params.strong as number) + 0.5 * (params.weak as number),
      };
    });
    const importances = parameterImportances(space, history);
    expect(importances.strong).toBeGreaterThan(0.9);
    expect((importances.strong ?? 0) + (importances.weak ?? 0)).toBeCloseTo(1);
  });
});
