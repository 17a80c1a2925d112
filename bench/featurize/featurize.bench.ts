/**
 * Featurize benchmark: per corpus, MB/s of text tokenised and featurised (default featurizer spec,
 * fitted on the corpus) by the suite's single-pass featurizer, by the implementation before it
 * (kept in libs/text and libs/ml as the reference), and by scikit-learn's TfidfVectorizer, all
 * measured in this run, one after the other, on the same texts. MB/s are over CPU time (user +
 * system of the measuring process, median of the rounds): steadier than wall time on a shared
 * machine; both are in the JSON. Also checks that both implementations give the same tokens and
 * vectors for every text, splits the time into stages (tokenise; hashes and vocabulary lookups;
 * the rest), and times fit + featurise of each training corpus's train part (what training does
 * before the model).
 *
 *   pnpm bench featurize    (BENCH_FEATURIZE_CORPORA=spamassassin,multilingual to pick corpora,
 *                            BENCH_FEATURIZE_ROUNDS, default 5; BENCH_FEATURIZE_CPU_PROF_DIR writes a
 *                            V8 CPU profile of one featurising round of each implementation per corpus)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureGnuTime } from '../lib/measure.js';
import { writeResults, type BenchRow } from '../lib/results.js';
import { loadCorpora } from './corpora.js';
import { measureSklearn, prepareSklearn, type SklearnMeasurement } from './sklearn-peer.js';
import { measureSuite, type SuiteMeasurement } from './suite-run.js';
import { median } from './suite/timing.js';

const log = (line: string): void => void process.stderr.write(`bench: ${line}\n`);
const round = (value: number, digits: number): number => Math.round(value * 10 ** digits) / 10 ** digits;

const ROUNDS = Number(process.env.BENCH_FEATURIZE_ROUNDS ?? 5);
const wanted = (process.env.BENCH_FEATURIZE_CORPORA ?? '')
  .split(',')
  .map((name) => name.trim())
  .filter(Boolean);

const BEFORE = 'mlops-suite featurizer, before (reference)';
const SINGLE_PASS = 'mlops-suite featurizer, single pass (TypeScript only)';
const KERNEL = 'mlops-suite featurizer, WebAssembly kernel for ASCII texts (the default)';
const SKLEARN = 'scikit-learn TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)';
const RUN = {
  tokeniseBefore: 'tokenise, reference (regular expression, Token objects)',
  tokeniseObjects: 'tokenise, single pass (Token objects)',
  tokeniseArrays: 'tokenise, single pass (into typed arrays)',
  featuriseBefore: 'featurise, reference',
  lookups: 'featurise, single pass: tokens, hashes and vocabulary ids only',
  featurise: 'featurise, single pass',
  kernel: 'featurise, WebAssembly kernel for ASCII texts',
} as const;

ensureGnuTime();
const python = prepareSklearn();
log('loading corpora');
const corpora = await loadCorpora(wanted);

const rows: BenchRow[] = [];
const details: Record<string, unknown> = {};
const throughputTable = [
  '| corpus | texts | MB | tokenise: before | single pass (Token objects) | single pass (typed arrays) | scikit-learn | featurise: before | single pass (TypeScript) | kernel (default) | scikit-learn | kernel vs before | kernel vs TypeScript | kernel vs scikit-learn | identical vectors |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
];
const fitTable = [
  '| corpus | train texts | before: fit + featurise CPU s | default (kernel): fit + featurise CPU s | ratio |',
  '| --- | ---: | ---: | ---: | ---: |',
];
const stageTable = [
  '| corpus | before: tokenise (Token objects) | before: the rest | single pass: tokenise | single pass: hashes and vocabulary lookups | single pass: n-grams, counting, weighting |',
  '| --- | ---: | ---: | ---: | ---: | ---: |',
];

const mbPerSecond = (bytes: number, times: readonly { cpu_seconds: number }[]): number =>
  bytes / 1e6 / median(times.map((time) => time.cpu_seconds));

for (const corpus of corpora) {
  const workDir = mkdtempSync(join(tmpdir(), 'bench-featurize-'));
  try {
    const loadBefore = loadavg()[0] ?? 0;
    log(`${corpus.name}: ${corpus.texts.length} texts, the suite (before and single pass)`);
    const suite: SuiteMeasurement = await measureSuite(corpus, workDir, ROUNDS);
    log(`${corpus.name}: scikit-learn`);
    const sklearn: SklearnMeasurement = await measureSklearn(python, corpus, workDir, ROUNDS);
    const load = [round(loadBefore, 2), round(loadavg()[0] ?? 0, 2)];
    const rate = (name: string): number => suite.throughput[name]?.cpu ?? NaN;
    const sklearnTokenise = mbPerSecond(suite.bytes, sklearn.rounds.tokenise);
    const sklearnFeaturise = mbPerSecond(suite.bytes, sklearn.rounds.featurise);
    const caseName = `${corpus.name} (${corpus.texts.length} texts, ${round(suite.bytes / 1e6, 2)} MB)`;
    const figure = (system: string, metric: string, value: number, unit: string): void => {
      rows.push({ system, case: caseName, metric, value: round(value, value < 10 ? 3 : 1), unit });
    };
    figure(BEFORE, 'tokenise_mb_per_cpu_s', rate(RUN.tokeniseBefore), 'MB/s');
    figure(BEFORE, 'featurise_mb_per_cpu_s', rate(RUN.featuriseBefore), 'MB/s');
    figure(SINGLE_PASS, 'tokenise_mb_per_cpu_s', rate(RUN.tokeniseObjects), 'MB/s');
    figure(SINGLE_PASS, 'tokenise_into_arrays_mb_per_cpu_s', rate(RUN.tokeniseArrays), 'MB/s');
    figure(SINGLE_PASS, 'tokens_hashes_lookups_mb_per_cpu_s', rate(RUN.lookups), 'MB/s');
    figure(SINGLE_PASS, 'featurise_mb_per_cpu_s', rate(RUN.featurise), 'MB/s');
    figure(SINGLE_PASS, 'featurise_speedup_vs_before', rate(RUN.featurise) / rate(RUN.featuriseBefore), 'ratio');
    figure(SINGLE_PASS, 'tokenise_speedup_vs_before', rate(RUN.tokeniseArrays) / rate(RUN.tokeniseBefore), 'ratio');
    figure(SINGLE_PASS, 'featurise_ratio_vs_sklearn', rate(RUN.featurise) / sklearnFeaturise, 'ratio');
    figure(KERNEL, 'featurise_mb_per_cpu_s', rate(RUN.kernel), 'MB/s');
    figure(KERNEL, 'featurise_speedup_vs_before', rate(RUN.kernel) / rate(RUN.featuriseBefore), 'ratio');
    figure(KERNEL, 'featurise_speedup_vs_typescript', rate(RUN.kernel) / rate(RUN.featurise), 'ratio');
    figure(KERNEL, 'featurise_ratio_vs_sklearn', rate(RUN.kernel) / sklearnFeaturise, 'ratio');
    figure(KERNEL, 'texts_with_different_vectors', suite.differentVectors, 'texts');
    figure(SINGLE_PASS, 'texts_with_different_vectors', suite.differentVectors, 'texts');
    figure(SINGLE_PASS, 'texts_with_different_tokens', suite.differentTokens, 'texts');
    figure(SKLEARN, 'tokenise_mb_per_cpu_s', sklearnTokenise, 'MB/s');
    figure(SKLEARN, 'featurise_mb_per_cpu_s', sklearnFeaturise, 'MB/s');
    const cell = (value: number): string => value.toFixed(1);
    throughputTable.push(
      `| ${corpus.name} | ${corpus.texts.length} | ${(suite.bytes / 1e6).toFixed(2)} | ${cell(rate(RUN.tokeniseBefore))} | ` +
        `${cell(rate(RUN.tokeniseObjects))} | ${cell(rate(RUN.tokeniseArrays))} | ${cell(sklearnTokenise)} | ` +
        `${cell(rate(RUN.featuriseBefore))} | ${cell(rate(RUN.featurise))} | ${cell(rate(RUN.kernel))} | ${cell(sklearnFeaturise)} | ` +
        `${(rate(RUN.kernel) / rate(RUN.featuriseBefore)).toFixed(2)}× | ${(rate(RUN.kernel) / rate(RUN.featurise)).toFixed(2)}× | ` +
        `${(rate(RUN.kernel) / sklearnFeaturise).toFixed(2)}× | ` +
        `${suite.differentVectors === 0 && suite.differentTokens === 0 ? 'yes' : `no (${suite.differentVectors})`} |`,
    );
    if (suite.fit && corpus.trainTexts) {
      const { reference, singlePass } = suite.fit;
      figure(BEFORE, 'fit_and_featurise_train_cpu_s', reference.cpuSeconds, 's');
      figure(KERNEL, 'fit_and_featurise_train_cpu_s', singlePass.cpuSeconds, 's');
      fitTable.push(
        `| ${corpus.name} | ${corpus.trainTexts.length} | ${reference.cpuSeconds.toFixed(2)} | ` +
          `${singlePass.cpuSeconds.toFixed(2)} | ${(reference.cpuSeconds / singlePass.cpuSeconds).toFixed(2)}× |`,
      );
    }
    const seconds = (name: string): number => suite.bytes / 1e6 / rate(name);
    const share = (part: number, whole: number): string => `${((100 * part) / whole).toFixed(0)} %`;
    const before = seconds(RUN.featuriseBefore);
    const after = seconds(RUN.featurise);
    stageTable.push(
      `| ${corpus.name} | ${share(seconds(RUN.tokeniseBefore), before)} | ${share(before - seconds(RUN.tokeniseBefore), before)} | ` +
        `${share(seconds(RUN.tokeniseArrays), after)} | ${share(seconds(RUN.lookups) - seconds(RUN.tokeniseArrays), after)} | ` +
        `${share(after - seconds(RUN.lookups), after)} |`,
    );
    details[corpus.name] = {
      source: corpus.source,
      load,
      suite,
      sklearn: { features: sklearn.features, fit: sklearn.fit, versions: sklearn.versions, rounds: sklearn.rounds },
    };
    log(
      `${corpus.name}: featurise ${rate(RUN.featuriseBefore).toFixed(1)} → ${rate(RUN.featurise).toFixed(1)} → ${rate(RUN.kernel).toFixed(1)} MB/s ` +
        `(scikit-learn ${sklearnFeaturise.toFixed(1)}), ${suite.differentVectors} texts with other vectors`,
    );
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

const notes = [
  'MB: UTF-8 bytes of the texts (10^6). MB/s: over the median CPU time (user + system of the measuring process) of the rounds, which alternate between the systems; wall-clock MB/s are in details',
  'before: referenceTokenizer / referenceTextFeaturizer (the regular-expression tokeniser and the featurizer as they were, kept as references); single pass (TypeScript only): textFeaturizerFromJSON(state, { asciiKernel: false }); WebAssembly kernel (the default): fitTextFeaturizer, ASCII texts through the kernel (libs/ml/assembly), the others through the TypeScript path',
  'stages: of the TypeScript path',
  'scikit-learn: tokenise = its preprocessor (lower-casing) then its token pattern per text; featurise = TfidfVectorizer.transform of all texts (fitted on the same corpus, min_df 1)',
  'fit_and_featurise_train_cpu_s: fit the default featurizer on the training benchmark train part and featurise it (median of 3); single pass = the default (with the kernel)',
];
writeResults('featurize', rows, notes, { rounds: ROUNDS, corpora: details });
process.stderr.write(`\n${throughputTable.join('\n')}\n\n${stageTable.join('\n')}\n\n${fitTable.join('\n')}\n`);
