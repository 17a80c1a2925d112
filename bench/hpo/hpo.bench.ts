/**
 * `pnpm bench hpo`: our TPE and random samplers (libs/ml hpo) against Optuna's TPESampler and
 * RandomSampler (pinned, in the bench venv) on the same synthetic objectives, same budget, several
 * seeds. Reports the median best-so-far after N trials and how many trials TPE needs to reach the
 * final best of random search (target: at most half the budget).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { searchSpaceSchema } from '@mlops/contracts';
import { createTpeSampler, randomSampler, type Sampler, type TrialRecord } from '@mlops/ml';
import { z } from 'zod';
import { ensurePythonVenv } from '../lib/python.js';
import { writeResults, type BenchRow } from '../lib/results.js';
import { loadFortunes, loadWordnetGlosses } from '../training/datasets.js';
import { corpusStudies } from './corpus-study.js';
import { OBJECTIVES, type SyntheticObjective } from './objectives.js';
import { startOptunaAskTell } from './optuna-ask-tell.js';
import { corpusObjective } from './corpus-objective.js';
import { measureStudyOverhead } from './study-overhead.js';
import { measureStudyWallTime, type WorkersRun } from './study-workers.js';
import { trainingStudyRows } from './training-study.js';

const TRIALS = Number(process.env.HPO_TRIALS ?? 100);
const SEEDS = Array.from({ length: Number(process.env.HPO_SEEDS ?? 10) }, (_, i) => i + 1);
const CHECKPOINTS = [10, 25, 50, 100].filter((n) => n <= TRIALS);
const REQUIREMENTS = ['optuna==5.0.0', 'numpy==2.4.6', 'matplotlib==3.11.2'];
const PLOT_SCRIPT = fileURLToPath(new URL('./plot_curves.py', import.meta.url));
const PLOT = fileURLToPath(new URL('../../wiki/images/hpo/corpora-best-so-far.svg', import.meta.url));
const SCRIPT = fileURLToPath(new URL('./peers/optuna_study.py', import.meta.url));

type Runs = Map<string, number[][]>;
const key = (system: string, objective: string): string => `${system}/${objective}`;

function runOurs(sampler: Sampler, objective: SyntheticObjective, seed: number): number[] {
  const space = searchSpaceSchema.parse(objective.space);
  const history: TrialRecord[] = [];
  for (let number = 0; number < TRIALS; number++) {
    const params = sampler({ space, seed, direction: 'minimize', history, trialNumber: number });
    history.push({ number, state: 'complete', params, value: objective.evaluate(params) });
  }
  return history.map((t) => t.value ?? NaN);
}

const optunaOutput = z.object({
  version: z.string(),
  runs: z.array(
    z.object({ sampler: z.string(), objective: z.string(), seed: z.number(), values: z.array(z.number()) }),
  ),
  seconds: z.record(z.string(), z.number()),
});

function runOptuna(): z.output<typeof optunaOutput> {
  const python = ensurePythonVenv(REQUIREMENTS);
  const dir = mkdtempSync(join(tmpdir(), 'hpo-bench-'));
  const input = join(dir, 'in.json');
  const output = join(dir, 'out.json');
  writeFileSync(input, JSON.stringify({ objectives: OBJECTIVES.map((o) => o.name), seeds: SEEDS, trials: TRIALS }));
  execFileSync(python, [SCRIPT, input, output], {
    stdio: 'inherit',
    env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' },
  });
  return optunaOutput.parse(JSON.parse(readFileSync(output, 'utf8')));
}

const bestSoFar = (values: readonly number[]): number[] => {
  let best = Infinity;
  return values.map((v) => (best = Math.min(best, v)));
};
const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
};
const round = (value: number, digits = 4): number => Number(value.toPrecision(digits));

/** Trials TPE needs to reach random search's final best, per seed (TRIALS + 1 when never). */
function trialsToReach(tpe: readonly number[][], random: readonly number[][]): number[] {
  return tpe.map((values, s) => {
    const target = Math.min(...(random[s] ?? []));
    const index = bestSoFar(values).findIndex((b) => b <= target);
    return index < 0 ? TRIALS + 1 : index + 1;
  });
}

const runs: Runs = new Map();
const cpuSeconds: Record<string, number> = {};
for (const [system, sampler] of [
  ['ours-tpe', createTpeSampler()],
  ['ours-random', randomSampler],
] as const) {
  const started = process.cpuUsage();
  for (const objective of OBJECTIVES) {
    runs.set(
      key(system, objective.name),
      SEEDS.map((seed) => runOurs(sampler, objective, seed)),
    );
  }
  const used = process.cpuUsage(started);
  cpuSeconds[system] = (used.user + used.system) / 1e6;
}
const optuna = runOptuna();
for (const run of optuna.runs) {
  const k = key(`optuna-${run.sampler}`, run.objective);
  runs.set(k, [...(runs.get(k) ?? []), run.values]);
}
for (const [name, seconds] of Object.entries(optuna.seconds)) cpuSeconds[`optuna-${name}`] = seconds;

const rows: BenchRow[] = [];
const reach: Record<string, number[]> = { ours: [], optuna: [] };
for (const objective of OBJECTIVES) {
  for (const system of ['ours-tpe', 'optuna-tpe', 'ours-random', 'optuna-random']) {
    const curves = (runs.get(key(system, objective.name)) ?? []).map(bestSoFar);
    for (const n of CHECKPOINTS) {
      rows.push({
        system,
        case: objective.name,
        metric: `median best after ${n} trials`,
        value: round(median(curves.map((c) => c[n - 1] ?? NaN))),
        unit: `objective (optimum ${objective.optimum})`,
      });
    }
  }
  for (const family of ['ours', 'optuna'] as const) {
    const needed = trialsToReach(
      runs.get(key(`${family}-tpe`, objective.name)) ?? [],
      runs.get(key(`${family}-random`, objective.name)) ?? [],
    );
    reach[family]?.push(...needed);
    rows.push({
      system: `${family}-tpe`,
      case: objective.name,
      metric: `median trials to reach ${family}-random's best of ${TRIALS}`,
      value: median(needed),
      unit: 'trials',
    });
  }
}
for (const family of ['ours', 'optuna'] as const) {
  const needed = reach[family] ?? [];
  rows.push({
    system: `${family}-tpe`,
    case: 'all objectives',
    metric: `mean trials to reach random's best of ${TRIALS} (target ≤ ${TRIALS / 2})`,
    value: round(needed.reduce((s, v) => s + v, 0) / needed.length, 3),
    unit: 'trials',
  });
}
for (const [system, seconds] of Object.entries(cpuSeconds)) {
  rows.push({
    system,
    case: 'all objectives',
    metric: 'sampler CPU time per trial (objective included)',
    value: round((seconds * 1000) / (TRIALS * SEEDS.length * OBJECTIVES.length), 3),
    unit: 'ms',
  });
}

const TRAINING_TRIALS = Number(process.env.HPO_TRAINING_TRIALS ?? 20);
const TRAINING_SEEDS = Array.from({ length: Number(process.env.HPO_TRAINING_SEEDS ?? 3) }, (_, i) => i + 1);
const training = TRAINING_TRIALS > 0 ? await trainingStudyRows(TRAINING_TRIALS, TRAINING_SEEDS) : undefined;
if (training) rows.push(...training.rows);

const table = writeResults(
  'hpo',
  rows,
  [
    `${TRIALS} trials, seeds ${SEEDS.join(', ')}; every objective minimised; medians over seeds.`,
    `Optuna ${optuna.version}: TPESampler(seed) and RandomSampler(seed) with their defaults; ours: createTpeSampler() (Optuna's defaults: 10 startup trials, 24 EI candidates, gamma min(ceil(0.1n), 25), prior weight 1, magic clip, multivariate) and randomSampler.`,
    "'trials to reach' counts, per seed, the trials a TPE run needs for its best-so-far to reach the final best of the random run of the same family and seed (" +
      `${TRIALS + 1} when never).`,
    `wordnet-lexname training: validation macro-F1 at the best epoch of the suite's trainer (libs/ml trainSparseBag, 8 epochs, featurizer fitted once) on 20 WordNet noun glosses per class, 30% validation; space: log learning rate, batch size, model kind, hidden width when mlp; ${TRAINING_TRIALS} trials, seeds ${TRAINING_SEEDS.join(', ')} (HPO_TRAINING_TRIALS, HPO_TRAINING_SEEDS; 0 skips it). Ours only: Optuna would need the objective in Python.`,
  ],
  {
    trials: TRIALS,
    seeds: SEEDS,
    objectives: OBJECTIVES.map((o) => ({ name: o.name, optimum: o.optimum })),
    optuna: optuna.version,
    ...(training ? { training: training.details } : {}),
  },
);
process.stdout.write(`${table}\n`);

const CORPUS_TRIALS = Number(process.env.HPO_CORPUS_TRIALS ?? 30);
const CORPUS_SEEDS = Array.from({ length: Number(process.env.HPO_CORPUS_SEEDS ?? 10) }, (_, i) => i + 1);
if (CORPUS_TRIALS > 0) {
  const peer = startOptunaAskTell(ensurePythonVenv(REQUIREMENTS));
  try {
    const corpora = await corpusStudies([loadWordnetGlosses, loadFortunes], peer, CORPUS_TRIALS, CORPUS_SEEDS);
    const loadBefore = loadavg();
    const overhead = await measureStudyOverhead(corpusObjective(loadWordnetGlosses()), CORPUS_TRIALS, 1);
    const overheadCase = `wordnet-noun-glosses, ${CORPUS_TRIALS}-trial study, 1 worker`;
    for (const [metric, value] of [
      ['sampler (default study sampler: TPE, multivariate, constant liar) per trial', overhead.samplerMs],
      ['config overrides + validation per trial', overhead.overridesMs],
      ['study storage per trial (2 compare-and-set commits + 2 running() reads, MongoDB)', overhead.storageMs],
      ['bare training per trial (trainSparseBag, same configs)', overhead.trainingMs],
      ['machinery / training', (overhead.samplerMs + overhead.overridesMs + overhead.storageMs) / overhead.trainingMs],
    ] as const) {
      corpora.rows.push({
        system: 'dl-trainer study machinery',
        case: overheadCase,
        metric,
        value: Number(value.toFixed(metric === 'machinery / training' ? 4 : 2)),
        unit: metric === 'machinery / training' ? 'ratio' : 'ms',
      });
    }
    const WORKER_TRIALS = Number(process.env.HPO_WORKER_TRIALS ?? 30);
    const workerRuns: WorkersRun[] = [];
    if (WORKER_TRIALS > 0) {
      const wordnet = loadWordnetGlosses();
      for (let rep = 0; rep < 3; rep++) {
        for (const workers of [1, 2]) {
          workerRuns.push(await measureStudyWallTime(() => corpusObjective(wordnet), WORKER_TRIALS, workers));
        }
      }
      for (const workers of [1, 2]) {
        const mine = workerRuns.filter((run) => run.workers === workers);
        const wall = mine.map((run) => run.wallSeconds).sort((a, b) => a - b);
        const training = mine.map((run) => run.trainingSeconds).sort((a, b) => a - b);
        const row = (metric: string, value: number, unit: string): void => {
          corpora.rows.push({
            system: 'dl-trainer study',
            case: `wordnet-noun-glosses, ${WORKER_TRIALS}-trial study, ${workers} worker${workers > 1 ? 's' : ''}`,
            metric,
            value: Number(value.toFixed(2)),
            unit,
          });
        };
        row('median wall time, POST to finished (3 runs)', wall[1] ?? NaN, 's');
        row('median time inside trainings (3 runs)', training[1] ?? NaN, 's');
        row('median wall time per trial', (wall[1] ?? NaN) / WORKER_TRIALS, 's');
      }
    }
    const corporaTable = writeResults(
      'hpo-corpora',
      corpora.rows,
      [
        `${CORPUS_TRIALS} trials per study, seeds ${CORPUS_SEEDS.join(', ')} (HPO_CORPUS_TRIALS, HPO_CORPUS_SEEDS; 0 trials skips it); objective: validation macro-F1 at the best epoch of libs/ml trainSparseBag, maximised.`,
        'Corpora of the training bench (its cleaning and train part; its test part is never read), one fixed recipe for both: at most 40 examples per label in that part’s seeded order, stratified 70/30 train/validation (seed 7), featurizer fitted once (2,048 hashed word n-gram buckets), 8 epochs, no early stopping, training seed 7.',
        'Space (bench/hpo/training-objective.ts): learning rate 1e-3–2 log, batch size {8, 16, 32, 64}, model kind {linear, mlp}, hidden width 4–32 log only for mlp.',
        'Optuna 5.0.0 TPESampler(seed) and RandomSampler(seed), defaults, driven by ask-and-tell over JSON lines (bench/hpo/peers/optuna_ask_tell.py) while Node trains; ours: createTpeSampler() and randomSampler. The objective is memoised per parameter set, so every sampler sees identical values.',
        `'trials to reach': per seed, the trials a TPE study needs for its best-so-far to reach the final best of the random study of the same family and seed (${CORPUS_TRIALS + 1} when never); mean over seeds (median in the metric name).`,
        'Study machinery: the dl-trainer’s StudyRepository (compare-and-set commits) and its default sampler, stepped as its driver steps one trial, against the local MongoDB-compatible server (mongo-java-server on H2, not MongoDB) on the same machine; not included: the training job’s submission and RabbitMQ messages and the driver’s polling interval.',
        'dl-trainer study: the real dl-trainer app (POST /v1/studies, study driver and loop polling every 100 ms, training jobs on RabbitMQ, state in MongoDB) with TRAINING_WORKERS and parallelism 1 or 2 in one process; only the training executor is the bench’s (trains the job’s config on the WordNet objective, writes the run). Space: the corpus space, over a linear base config (the hidden width is a new key when mlp is drawn). 3 runs each, alternating 1 and 2 workers (HPO_WORKER_TRIALS, 0 skips it).',
        'Sampler CPU time: process CPU of the suggestion (ours) or of ask + tell inside the Python process (Optuna); training time: wall time of a training, on 2 shared cores (load averages in details.corpora).',
      ],
      {
        ...corpora.details,
        overhead: { ...overhead, loadAverage: { before: loadBefore, after: loadavg() } },
        workers: workerRuns,
      },
    );
    const curves = fileURLToPath(new URL('../results/hpo-corpora-curves.json', import.meta.url));
    writeFileSync(curves, `${JSON.stringify(corpora.curves)}\n`);
    mkdirSync(dirname(PLOT), { recursive: true });
    execFileSync(ensurePythonVenv(REQUIREMENTS), [PLOT_SCRIPT, curves, PLOT], { stdio: 'inherit' });
    process.stdout.write(`${corporaTable}\n`);
  } finally {
    await peer.close();
  }
}
