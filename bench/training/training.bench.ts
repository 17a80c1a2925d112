/**
 * Training benchmark: every contender (bench/training/contenders) trains on the same stratified
 * 80 % of each corpus and predicts the same 20 %; accuracy, macro-F1 and its bootstrap interval
 * are computed here, by one piece of code, from the predictions. Measured per contender and
 * dataset: fit time, total time (process start to predictions) and peak RSS of the contender's
 * child processes.
 *
 *   pnpm bench training        (BENCH_TRAINING_DATASETS=spamassassin,fortunes to pick datasets,
 *                               BENCH_TRAINING_CONTENDERS=suite,fasttext to pick contenders by name part)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureGnuTime } from '../lib/measure.js';
import { writeResults, type BenchRow } from '../lib/results.js';
import type { ContenderRun } from './contender.js';
import { BOOTSTRAP_RESAMPLES, BOOTSTRAP_SEED, bootstrapMacroF1, bootstrapMacroF1Difference } from './bootstrap.js';
import { contenders, isPeer, isSuiteDefault } from './contenders/index.js';
import {
  labelCounts,
  loadFortunes,
  loadSotu,
  loadSpamAssassin,
  loadWordnetGlosses,
  MIN_EXAMPLES_PER_LABEL,
  splitDataset,
  SPLIT_SEED,
  TEST_FRACTION,
  type BenchDataset,
} from './datasets.js';
import { score } from './metrics.js';

const log = (line: string): void => void process.stderr.write(`bench: ${line}\n`);
const round = (value: number, digits: number): number => Math.round(value * 10 ** digits) / 10 ** digits;
const MB = 1024 * 1024;

const loaders: Readonly<Record<string, () => BenchDataset | Promise<BenchDataset>>> = {
  spamassassin: loadSpamAssassin,
  'wordnet-noun-glosses': loadWordnetGlosses,
  fortunes: loadFortunes,
  sotu: loadSotu,
};
const wanted = (process.env.BENCH_TRAINING_DATASETS ?? Object.keys(loaders).join(','))
  .split(',')
  .map((name) => name.trim())
  .filter(Boolean);

const contenderFilter = process.env.BENCH_TRAINING_CONTENDERS?.split(',').map((name) => name.trim().toLowerCase());
const selected = contenders.filter(
  (contender) => !contenderFilter || contenderFilter.some((part) => contender.name.toLowerCase().includes(part)),
);

ensureGnuTime();
for (const contender of selected) await contender.prepare?.();

const rows: BenchRow[] = [];
const datasets: Record<string, unknown> = {};
const settings: Record<string, Record<string, ContenderRun['settings']>> = {};
/** Per dataset: the suite's default minus the best peer, with its paired bootstrap interval. */
const comparisons: Record<string, unknown> = {};
/** 1-minute load average before and after each run: how busy the shared machine was. */
const loadAverages: Record<string, Record<string, readonly [number, number]>> = {};
const table: string[] = [
  '| dataset | system | macro-F1 | 95 % CI | accuracy | fit s | fit CPU s | total s | total CPU s | peak RSS MB | model MB |',
  '| --- | --- | ---: | :---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
];
const cell = (value: number | null | undefined, digits: number): string =>
  value === null || value === undefined ? 'n/a' : value.toFixed(digits);

for (const name of wanted) {
  const load = loaders[name];
  if (!load) throw new Error(`unknown dataset ${name} (known: ${Object.keys(loaders).join(', ')})`);
  log(`loading ${name}`);
  const dataset = await load();
  const split = splitDataset(dataset);
  const truth = split.test.map((example) => example.label);
  datasets[name] = {
    source: dataset.source,
    read: dataset.read,
    emptyRemoved: dataset.emptyRemoved,
    duplicatesRemoved: dataset.duplicatesRemoved,
    rareRemoved: dataset.rareRemoved,
    examples: dataset.examples.length,
    train: split.train.length,
    test: split.test.length,
    labels: labelCounts(split),
  };
  log(
    `${name}: ${dataset.read} read, ${dataset.emptyRemoved} empty and ${dataset.duplicatesRemoved} duplicates removed, ` +
      `${split.train.length} train / ${split.test.length} test, ${split.labels.length} labels`,
  );
  const caseName = `${name} (${split.train.length} train / ${split.test.length} test, ${split.labels.length} labels)`;
  const predictionsOf = new Map<string, { predictions: readonly string[]; macroF1: number }>();
  for (const contender of selected) {
    const workDir = mkdtempSync(join(tmpdir(), 'bench-training-'));
    try {
      log(`${contender.name} on ${name}`);
      const loadBefore = loadavg()[0] ?? 0;
      const run = await contender.run(split, workDir);
      (loadAverages[contender.name] ??= {})[name] = [round(loadBefore, 2), round(loadavg()[0] ?? 0, 2)];
      const scores = score(truth, run.predictions);
      const interval = bootstrapMacroF1(truth, run.predictions);
      predictionsOf.set(contender.name, { predictions: run.predictions, macroF1: scores.macroF1 });
      const rss = run.peakRssBytes === null ? null : run.peakRssBytes / MB;
      const model = run.modelBytes === undefined ? null : run.modelBytes / MB;
      (settings[contender.name] ??= {})[name] = run.settings;
      const figure = (metric: string, value: number, unit: string): void => {
        rows.push({ system: contender.name, case: caseName, metric, value, unit });
      };
      figure('macro_f1', round(scores.macroF1, 4), 'ratio');
      figure('macro_f1_ci_low', round(interval.low, 4), 'ratio');
      figure('macro_f1_ci_high', round(interval.high, 4), 'ratio');
      figure('accuracy', round(scores.accuracy, 4), 'ratio');
      figure('fit_time', round(run.fitSeconds, 2), 's');
      if (run.fitCpuSeconds !== undefined) figure('fit_cpu_time', round(run.fitCpuSeconds, 2), 's');
      figure('total_time', round(run.totalSeconds, 2), 's');
      if (run.totalCpuSeconds !== undefined) figure('total_cpu_time', round(run.totalCpuSeconds, 2), 's');
      if (rss !== null) figure('peak_rss', round(rss, 1), 'MB');
      if (model !== null) figure('model_size', round(model, 1), 'MB');
      table.push(
        `| ${name} | ${contender.name} | ${scores.macroF1.toFixed(4)} | ${interval.low.toFixed(3)}–${interval.high.toFixed(3)} | ` +
          `${scores.accuracy.toFixed(4)} | ` +
          `${cell(run.fitSeconds, 1)} | ${cell(run.fitCpuSeconds, 1)} | ${cell(run.totalSeconds, 1)} | ` +
          `${cell(run.totalCpuSeconds, 1)} | ${cell(rss, 0)} | ${cell(model, 1)} |`,
      );
      log(`${contender.name} on ${name}: macro-F1 ${scores.macroF1.toFixed(4)}, ${run.fitSeconds.toFixed(1)} s fit`);
    } finally {
      rmSync(workDir, { recursive: true, force: true });
    }
  }
  comparisons[name] = compareWithBestPeer(truth, predictionsOf, (system, metric, value) =>
    rows.push({ system, case: caseName, metric, value: round(value, 4), unit: 'ratio' }),
  );
}

/**
 * The suite's default against the best peer of the run on this dataset (highest macro-F1): the
 * paired bootstrap interval of the macro-F1 difference, as rows of the default's system.
 */
function compareWithBestPeer(
  truth: readonly string[],
  predictionsOf: ReadonlyMap<string, { predictions: readonly string[]; macroF1: number }>,
  figure: (system: string, metric: string, value: number) => void,
): Record<string, unknown> | null {
  const peers = [...predictionsOf].filter(([system]) => isPeer(system));
  const best = peers.sort(([, a], [, b]) => b.macroF1 - a.macroF1)[0];
  const suite = [...predictionsOf].find(([system]) => isSuiteDefault(system));
  if (!best || !suite) return null;
  const difference = bootstrapMacroF1Difference(truth, suite[1].predictions, best[1].predictions);
  figure(suite[0], 'macro_f1_minus_best_peer', suite[1].macroF1 - best[1].macroF1);
  figure(suite[0], 'macro_f1_minus_best_peer_ci_low', difference.low);
  figure(suite[0], 'macro_f1_minus_best_peer_ci_high', difference.high);
  log(
    `${suite[0]} − ${best[0]}: ${(suite[1].macroF1 - best[1].macroF1).toFixed(4)} ` +
      `(95 % CI ${difference.low.toFixed(4)} to ${difference.high.toFixed(4)})`,
  );
  return {
    suite: suite[0],
    bestPeer: best[0],
    difference: round(suite[1].macroF1 - best[1].macroF1, 4),
    ci: [round(difference.low, 4), round(difference.high, 4)],
  };
}

const notes = [
  `split: stratifiedSplit from libs/ml, test ${TEST_FRACTION}, validation 0, seed ${SPLIT_SEED}; empty texts and exact duplicates (whitespace-normalised) removed first, the first by id kept, then labels with fewer than ${MIN_EXAMPLES_PER_LABEL} examples`,
  'metrics: accuracy and macro-F1 (unweighted mean of per-label F1) computed in bench/training/metrics.ts from each contender’s test predictions',
  `macro_f1_ci_low/high: 95 % percentile bootstrap interval of macro-F1 over the test set (${BOOTSTRAP_RESAMPLES} resamples with replacement, seed ${BOOTSTRAP_SEED}, the same resamples for every contender; bench/training/bootstrap.ts)`,
  'macro_f1_minus_best_peer(_ci_low/high): the suite default’s macro-F1 minus the best peer’s on the dataset, with the 95 % paired bootstrap interval of that difference (same resamples for both)',
  'fit_time: fastText = the `fasttext supervised` process (reads the file, trains, writes .bin and .vec); scikit-learn = Pipeline.fit inside the Python process',
  'total_time: every process of the contender for the dataset (start, reading, fit, predicting the test part, exit); peak_rss: GNU time %M, the largest of those processes',
  '*_cpu_time: user + system CPU seconds of all threads (GNU time %U + %S; Python time.process_time for the scikit-learn fit): steadier than wall time on a busy machine',
  'one run, 2 cores shared with other work (1-minute load averages per run in details.load): compare ratios within the run',
];
const generic = writeResults('training', rows, notes, {
  split: { method: 'stratifiedSplit (libs/ml)', test: TEST_FRACTION, validation: 0, seed: SPLIT_SEED },
  bootstrap: { resamples: BOOTSTRAP_RESAMPLES, seed: BOOTSTRAP_SEED, level: 0.95 },
  datasets,
  comparisons,
  settings,
  load: loadAverages,
});
process.stdout.write(`${table.join('\n')}\n\n${generic}\n`);
