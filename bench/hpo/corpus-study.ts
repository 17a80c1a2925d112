/**
 * The issue's HPO benchmark on real objectives: on two corpora of the training bench, a 30-trial
 * budget, several seeds, our TPE and random samplers and Optuna's TPESampler and RandomSampler
 * (ask-and-tell over JSON lines, the objective evaluated here, so it is the same objective) over
 * the same space. Reports best-so-far validation macro-F1 per trial count, the trials TPE needs to
 * reach random search's final best, and the samplers' own cost per trial beside a training's.
 */
import { loadavg } from 'node:os';
import { createTpeSampler, randomSampler, type Sampler, type TrialRecord } from '@mlops/ml';
import type { BenchDataset } from '../training/datasets.js';
import type { BenchRow } from '../lib/results.js';
import {
  corpusObjective,
  EPOCHS,
  PER_LABEL,
  SPLIT_SEED,
  TRAIN_SEED,
  type CorpusObjective,
} from './corpus-objective.js';
import type { OptunaAskTell } from './optuna-ask-tell.js';
import { TRAINING_SPACE } from './training-objective.js';

const SYSTEMS = ['ours-tpe', 'ours-random', 'optuna-tpe', 'optuna-random'] as const;
type System = (typeof SYSTEMS)[number];

/** One study's trial values and the CPU seconds its sampler spent per trial. */
interface StudyRun {
  readonly values: number[];
  readonly samplerCpuSeconds: number[];
}

async function runOurs(sampler: Sampler, objective: CorpusObjective, seed: number, trials: number): Promise<StudyRun> {
  const history: TrialRecord[] = [];
  const samplerCpuSeconds: number[] = [];
  for (let number = 0; number < trials; number++) {
    const started = process.cpuUsage();
    const params = sampler({ space: TRAINING_SPACE, seed, direction: 'maximize', history, trialNumber: number });
    const used = process.cpuUsage(started);
    samplerCpuSeconds.push((used.user + used.system) / 1e6);
    history.push({ number, state: 'complete', params, value: await objective.evaluate(params) });
  }
  return { values: history.map((t) => t.value ?? NaN), samplerCpuSeconds };
}

async function runOptuna(
  optuna: OptunaAskTell,
  sampler: 'tpe' | 'random',
  objective: CorpusObjective,
  seed: number,
  trials: number,
): Promise<StudyRun> {
  await optuna.study(sampler, seed, 'maximize', TRAINING_SPACE);
  const values: number[] = [];
  const samplerCpuSeconds: number[] = [];
  for (let i = 0; i < trials; i++) {
    const trial = await optuna.ask();
    const value = await objective.evaluate(trial.params);
    const told = await optuna.tell(trial.number, value);
    values.push(value);
    samplerCpuSeconds.push(trial.cpuSeconds + told);
  }
  return { values, samplerCpuSeconds };
}

const bestSoFar = (values: readonly number[]): number[] => {
  let best = -Infinity;
  return values.map((v) => (best = Math.max(best, v)));
};
const mean = (values: readonly number[]): number => values.reduce((s, v) => s + v, 0) / values.length;
const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
};
const round = (value: number, digits = 4): number => Number(value.toFixed(digits));

/** Per seed, the trials `tpe` needs for its best-so-far to reach the final best of `random` (trials + 1 when never). */
function trialsToReach(tpe: readonly StudyRun[], random: readonly StudyRun[], trials: number): number[] {
  return tpe.map((run, s) => {
    const target = Math.max(...(random[s]?.values ?? []));
    const index = bestSoFar(run.values).findIndex((b) => b >= target);
    return index < 0 ? trials + 1 : index + 1;
  });
}

/** What the corpus studies produce: result rows, details for the JSON, and curves for the plot. */
export interface CorpusStudyResult {
  readonly rows: BenchRow[];
  readonly details: Record<string, unknown>;
  /** Mean best-so-far validation macro-F1 per trial count, per corpus and system. */
  readonly curves: { corpus: string; system: System; trial: number; best: number }[];
}

/**
 * Runs the four samplers on each corpus, `trials` trials per study, one study per seed; the
 * objective is memoised, so a parameter set two samplers both suggest is trained once.
 */
export async function corpusStudies(
  datasets: readonly (() => BenchDataset | Promise<BenchDataset>)[],
  optuna: OptunaAskTell,
  trials: number,
  seeds: readonly number[],
): Promise<CorpusStudyResult> {
  const rows: BenchRow[] = [];
  const curves: CorpusStudyResult['curves'] = [];
  const corpora: Record<string, unknown> = {};
  const reachAll: Record<'ours' | 'optuna', number[]> = { ours: [], optuna: [] };
  const samplerCpu: Record<System, number[]> = {
    'ours-tpe': [],
    'ours-random': [],
    'optuna-tpe': [],
    'optuna-random': [],
  };
  const trainingPerTrial: number[] = [];
  for (const load of datasets) {
    const objective = corpusObjective(await load());
    const loadBefore = loadavg();
    const started = performance.now();
    const runs: Record<System, StudyRun[]> = {
      'ours-tpe': [],
      'ours-random': [],
      'optuna-tpe': [],
      'optuna-random': [],
    };
    for (const seed of seeds) {
      runs['ours-tpe'].push(await runOurs(createTpeSampler(), objective, seed, trials));
      runs['ours-random'].push(await runOurs(randomSampler, objective, seed, trials));
      runs['optuna-tpe'].push(await runOptuna(optuna, 'tpe', objective, seed, trials));
      runs['optuna-random'].push(await runOptuna(optuna, 'random', objective, seed, trials));
      process.stderr.write(`bench: hpo ${objective.corpus} seed ${seed} done\n`);
    }
    const caseName = `${objective.corpus} (${objective.labels} labels, ${objective.train} train / ${objective.validation} validation)`;
    for (const system of SYSTEMS) {
      const best = runs[system].map((run) => bestSoFar(run.values));
      for (let n = 1; n <= trials; n++) {
        curves.push({
          corpus: objective.corpus,
          system,
          trial: n,
          best: round(mean(best.map((b) => b[n - 1] ?? NaN))),
        });
      }
      for (const n of [5, 10, 15, 20, trials].filter((n, i, all) => n <= trials && all.indexOf(n) === i)) {
        rows.push({
          system,
          case: caseName,
          metric: `mean best validation macro-F1 after ${n} trials`,
          value: round(mean(best.map((b) => b[n - 1] ?? NaN))),
          unit: 'macro-F1',
        });
      }
      samplerCpu[system].push(...runs[system].flatMap((run) => run.samplerCpuSeconds));
    }
    const reach: Record<string, number[]> = {};
    for (const family of ['ours', 'optuna'] as const) {
      const needed = trialsToReach(runs[`${family}-tpe`], runs[`${family}-random`], trials);
      reach[family] = needed;
      reachAll[family].push(...needed);
      rows.push({
        system: `${family}-tpe`,
        case: caseName,
        metric: `mean trials to reach ${family}-random's best of ${trials} (median ${median(needed)})`,
        value: round(mean(needed), 2),
        unit: 'trials',
      });
    }
    const trainings = objective.trainings();
    trainingPerTrial.push(objective.trainingSeconds() / trainings);
    corpora[objective.corpus] = {
      labels: objective.labels,
      train: objective.train,
      validation: objective.validation,
      trialsNeededPerSeed: reach,
      finalBestPerSeed: Object.fromEntries(SYSTEMS.map((s) => [s, runs[s].map((r) => round(Math.max(...r.values)))])),
      trainings,
      trainingSeconds: round(objective.trainingSeconds(), 1),
      wallSeconds: round((performance.now() - started) / 1000, 1),
      loadAverage: { before: loadBefore.map((l) => round(l, 2)), after: loadavg().map((l) => round(l, 2)) },
    };
  }
  for (const family of ['ours', 'optuna'] as const) {
    rows.push({
      system: `${family}-tpe`,
      case: 'both corpora',
      metric: `mean trials to reach ${family}-random's best of ${trials} (target ≤ ${trials / 2})`,
      value: round(mean(reachAll[family]), 2),
      unit: 'trials',
    });
  }
  for (const system of SYSTEMS) {
    rows.push({
      system,
      case: 'both corpora',
      metric: `sampler CPU time per trial (suggest${system.startsWith('optuna') ? ' + tell' : ''}), ${trials}-trial studies`,
      value: round(mean(samplerCpu[system]) * 1000, 2),
      unit: 'ms',
    });
  }
  rows.push({
    system: 'libs/ml trainSparseBag',
    case: 'both corpora',
    metric: `training time per trial (${EPOCHS} epochs, mean of the two corpora)`,
    value: round(mean(trainingPerTrial) * 1000, 0),
    unit: 'ms',
  });
  return {
    rows,
    curves,
    details: {
      recipe: { perLabel: PER_LABEL, validation: 0.3, splitSeed: SPLIT_SEED, trainSeed: TRAIN_SEED, epochs: EPOCHS },
      trials,
      seeds,
      corpora,
    },
  };
}
