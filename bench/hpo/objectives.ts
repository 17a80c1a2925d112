import type { Assignment, SearchSpaceInput } from '@mlops/ml';

/** A synthetic objective to minimise, with its space; bench/hpo/peers/optuna_study.py defines the same ones. */
export interface SyntheticObjective {
  readonly name: string;
  readonly space: SearchSpaceInput;
  readonly evaluate: (params: Assignment) => number;
  /** The known minimum, for the table. */
  readonly optimum: number;
}

const num = (params: Assignment, name: string): number => Number(params[name]);

const branin: SyntheticObjective = {
  name: 'branin-2d',
  space: [
    { name: 'x1', pointer: '/x1', distribution: { kind: 'float', low: -5, high: 10 } },
    { name: 'x2', pointer: '/x2', distribution: { kind: 'float', low: 0, high: 15 } },
  ],
  evaluate: (p) => {
    const x1 = num(p, 'x1');
    const x2 = num(p, 'x2');
    const b = 5.1 / (4 * Math.PI ** 2);
    const c = 5 / Math.PI;
    return (x2 - b * x1 ** 2 + c * x1 - 6) ** 2 + 10 * (1 - 1 / (8 * Math.PI)) * Math.cos(x1) + 10;
  },
  optimum: 0.397887,
};

const dims5 = ['x0', 'x1', 'x2', 'x3', 'x4'];

const rosenbrock: SyntheticObjective = {
  name: 'rosenbrock-5d',
  space: dims5.map((name) => ({
    name,
    pointer: `/${name}`,
    distribution: { kind: 'float' as const, low: -2, high: 2 },
  })),
  evaluate: (p) => {
    let sum = 0;
    for (let i = 0; i < dims5.length - 1; i++) {
      const x = num(p, dims5[i] ?? '');
      const next = num(p, dims5[i + 1] ?? '');
      sum += 100 * (next - x * x) ** 2 + (1 - x) ** 2;
    }
    return sum;
  },
  optimum: 0,
};

const styblinskiTang: SyntheticObjective = {
  name: 'styblinski-tang-5d',
  space: dims5.map((name) => ({
    name,
    pointer: `/${name}`,
    distribution: { kind: 'float' as const, low: -5, high: 5 },
  })),
  evaluate: (p) =>
    dims5.reduce((sum, name) => sum + (num(p, name) ** 4 - 16 * num(p, name) ** 2 + 5 * num(p, name)) / 2, 0) +
    39.16617 * 5,
  optimum: 0,
};

/**
 * A training-like mixed space: a categorical "model kind", a log-scale learning rate, and an int
 * width that only exists for the `mlp` branch (conditional).
 */
const mixed: SyntheticObjective = {
  name: 'mixed-conditional',
  space: [
    { name: 'kind', pointer: '/model/kind', distribution: { kind: 'categorical', choices: ['linear', 'mlp', 'bag'] } },
    {
      name: 'lr',
      pointer: '/optimization/learningRate',
      distribution: { kind: 'float', low: 1e-5, high: 1, log: true },
    },
    {
      name: 'width',
      pointer: '/model/hiddenUnits',
      distribution: { kind: 'int', low: 4, high: 512, log: true },
      when: { parameter: 'kind', in: ['mlp'] },
    },
    { name: 'dropout', pointer: '/model/dropout', distribution: { kind: 'float', low: 0, high: 0.8, step: 0.1 } },
  ],
  evaluate: (p) => {
    const lrTerm = (Math.log10(num(p, 'lr')) + 2.5) ** 2;
    const dropoutTerm = 2 * (num(p, 'dropout') - 0.3) ** 2;
    if (p.kind === 'mlp') return lrTerm + (Math.log2(num(p, 'width')) - 7) ** 2 / 4 + dropoutTerm;
    if (p.kind === 'bag') return lrTerm + 0.5 + dropoutTerm;
    return 1 + lrTerm / 2 + dropoutTerm;
  },
  optimum: 0,
};

/** The objectives of the benchmark. */
export const OBJECTIVES: readonly SyntheticObjective[] = [branin, rosenbrock, styblinskiTang, mixed];
