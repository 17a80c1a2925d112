import { createTpeSampler, randomSampler, type Sampler, type TrialRecord } from '@mlops/ml';
import type { BenchRow } from '../lib/results.js';
import { TRAINING_SPACE, trainingObjective } from './training-objective.js';

/** Per-seed objective values of `trials` trials of `sampler` on the real training objective (maximised). */
async function study(
  sampler: Sampler,
  evaluate: (params: TrialRecord['params']) => Promise<number>,
  seed: number,
  trials: number,
): Promise<number[]> {
  const history: TrialRecord[] = [];
  for (let number = 0; number < trials; number++) {
    const params = sampler({ space: TRAINING_SPACE, seed, direction: 'maximize', history, trialNumber: number });
    history.push({ number, state: 'complete', params, value: await evaluate(params) });
  }
  return history.map((t) => t.value ?? NaN);
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
};
const bestSoFar = (values: readonly number[]): number[] => {
  let best = -Infinity;
  return values.map((v) => (best = Math.max(best, v)));
};

/**
 * Our TPE against our random search on the real objective (validation macro-F1 of the suite's
 * trainer on WordNet glosses), same space and budget, several seeds: median best-so-far and the
 * trials TPE needs to reach random's final best. Optuna is not run here (its objective would have
 * to call back into TypeScript).
 */
export async function trainingStudyRows(
  trials: number,
  seeds: readonly number[],
): Promise<{ rows: BenchRow[]; details: Record<string, unknown> }> {
  const objective = trainingObjective();
  const curves: Record<string, number[][]> = { 'ours-tpe': [], 'ours-random': [] };
  for (const seed of seeds) {
    curves['ours-tpe']?.push(await study(createTpeSampler(), objective.evaluate, seed, trials));
    curves['ours-random']?.push(await study(randomSampler, objective.evaluate, seed, trials));
  }
  const rows: BenchRow[] = [];
  const checkpoints = [5, 10, trials].filter((n, i, all) => n <= trials && all.indexOf(n) === i);
  for (const [system, runs] of Object.entries(curves)) {
    for (const n of checkpoints) {
      rows.push({
        system,
        case: 'wordnet-lexname training',
        metric: `median best validation macro-F1 after ${n} trials`,
        value: Number(median(runs.map((r) => bestSoFar(r)[n - 1] ?? NaN)).toFixed(4)),
        unit: 'macro-F1',
      });
    }
  }
  const needed = (curves['ours-tpe'] ?? []).map((values, s) => {
    const target = Math.max(...(curves['ours-random']?.[s] ?? []));
    const index = bestSoFar(values).findIndex((b) => b >= target);
    return index < 0 ? trials + 1 : index + 1;
  });
  rows.push({
    system: 'ours-tpe',
    case: 'wordnet-lexname training',
    metric: `median trials to reach ours-random's best of ${trials}`,
    value: median(needed),
    unit: 'trials',
  });
  return {
    rows,
    details: { classes: objective.classes, examples: objective.examples, trials, seeds, trialsNeededPerSeed: needed },
  };
}
