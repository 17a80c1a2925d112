/**
 * Training benchmark: every contender (bench/training/contenders) trains on the same stratified
 * 80 % of each corpus and predicts the same 20 %; accuracy and macro-F1 are computed here, by one
 * piece of code, from the predictions. Measured per contender and dataset: fit time, total time
 * (process start to predictions) and peak RSS of the contender's child processes.
 *
 *   pnpm bench training        (BENCH_TRAINING_DATASETS=spamassassin,wordnet-noun-glosses to pick,
 *                               BENCH_TRAINING_CONTENDERS=suite,fasttext to pick contenders by name part)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureGnuTime } from '../lib/measure.js';
import { writeResults, type BenchRow } from '../lib/results.js';
import type { ContenderRun } from './contender.js';
import { contenders } from './contenders/index.js';
import {
  labelCounts,
  loadSpamAssassin,
  loadWordnetGlosses,
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
/** 1-minute load average before and after each run: how busy the shared machine was. */
const loadAverages: Record<string, Record<string, readonly [number, number]>> = {};
const table: string[] = [
  '| dataset | system | macro-F1 | accuracy | fit s | fit CPU s | total s | total CPU s | peak RSS MB | model MB |',
  '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
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
  for (const contender of selected) {
    const workDir = mkdtempSync(join(tmpdir(), 'bench-training-'));
    try {
      log(`${contender.name} on ${name}`);
      const loadBefore = loadavg()[0] ?? 0;
      const run = await contender.run(split, workDir);
      (loadAverages[contender.name] ??= {})[name] = [round(loadBefore, 2), round(loadavg()[0] ?? 0, 2)];
      const scores = score(truth, run.predictions);
      const rss = run.peakRssBytes === null ? null : run.peakRssBytes / MB;
      const model = run.modelBytes === undefined ? null : run.modelBytes / MB;
      (settings[contender.name] ??= {})[name] = run.settings;
      const figure = (metric: string, value: number, unit: string): void => {
        rows.push({ system: contender.name, case: caseName, metric, value, unit });
      };
      figure('macro_f1', round(scores.macroF1, 4), 'ratio');
      figure('accuracy', round(scores.accuracy, 4), 'ratio');
      figure('fit_time', round(run.fitSeconds, 2), 's');
      if (run.fitCpuSeconds !== undefined) figure('fit_cpu_time', round(run.fitCpuSeconds, 2), 's');
      figure('total_time', round(run.totalSeconds, 2), 's');
      if (run.totalCpuSeconds !== undefined) figure('total_cpu_time', round(run.totalCpuSeconds, 2), 's');
      if (rss !== null) figure('peak_rss', round(rss, 1), 'MB');
      if (model !== null) figure('model_size', round(model, 1), 'MB');
      table.push(
        `| ${name} | ${contender.name} | ${scores.macroF1.toFixed(4)} | ${scores.accuracy.toFixed(4)} | ` +
          `${cell(run.fitSeconds, 1)} | ${cell(run.fitCpuSeconds, 1)} | ${cell(run.totalSeconds, 1)} | ` +
          `${cell(run.totalCpuSeconds, 1)} | ${cell(rss, 0)} | ${cell(model, 1)} |`,
      );
      log(`${contender.name} on ${name}: macro-F1 ${scores.macroF1.toFixed(4)}, ${run.fitSeconds.toFixed(1)} s fit`);
    } finally {
      rmSync(workDir, { recursive: true, force: true });
    }
  }
}

const notes = [
  `split: stratifiedSplit from libs/ml, test ${TEST_FRACTION}, validation 0, seed ${SPLIT_SEED}; empty texts and exact duplicates (whitespace-normalised) removed first, the first by id kept`,
  'metrics: accuracy and macro-F1 (unweighted mean of per-label F1) computed in bench/training/metrics.ts from each contender’s test predictions',
  'fit_time: fastText = the `fasttext supervised` process (reads the file, trains, writes .bin and .vec); scikit-learn = Pipeline.fit inside the Python process',
  'total_time: every process of the contender for the dataset (start, reading, fit, predicting the test part, exit); peak_rss: GNU time %M, the largest of those processes',
  '*_cpu_time: user + system CPU seconds of all threads (GNU time %U + %S; Python time.process_time for the scikit-learn fit): steadier than wall time on a busy machine',
  'one run, 2 cores shared with other work (1-minute load averages per run in details.load): compare ratios within the run',
];
const generic = writeResults('training', rows, notes, {
  split: { method: 'stratifiedSplit (libs/ml)', test: TEST_FRACTION, validation: 0, seed: SPLIT_SEED },
  datasets,
  settings,
  load: loadAverages,
});
process.stdout.write(`${table.join('\n')}\n\n${generic}\n`);
