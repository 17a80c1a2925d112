/**
 * Reports benchmark: how long the reporter takes to build and render the PDF reports of real
 * models, and how much memory a render needs. The suite's default model is trained once per
 * corpus with libs/ml's pipeline (cached, see versions.ts) on SpamAssassin (2 classes) and on
 * WordNet noun glosses (26 classes, all of them: about 16,300 test rows), plus a second WordNet
 * version (10 epochs instead of 20) to compare with. Each report is rendered in a fresh child
 * process (so its peak RSS is the render's), `BENCH_REPORTS_REPS` times (default 5), the cases
 * interleaved; medians are reported. The PDFs of the last repetition give the page images of
 * wiki/reporter.md (wiki/images/reporter/).
 *
 *   pnpm bench reports   (BENCH_REPORTS_REPS, BENCH_REPORTS_CACHE, BENCH_REPORTS_RETRAIN=1)
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ModelManifest } from '@mlops/ml';
import { ensureGnuTime, runMeasured } from '../lib/measure.js';
import { ensureDebianPeers } from '../lib/peers.js';
import { writeResults, type BenchRow } from '../lib/results.js';
import { renderCases, type RenderCase, type RenderStats, type Version } from './cases.js';
import { drawPages, pageCount, type PageShot } from './screenshots.js';
import { cacheDir, trainedVersion, VERSIONS, type VersionSpec } from './versions.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const RENDER_SCRIPT = fileURLToPath(new URL('./render-report.ts', import.meta.url));
const IMAGES = join(REPO, 'wiki', 'images', 'reporter');
const DPI = 60;
const REPS = Math.max(1, Number(process.env.BENCH_REPORTS_REPS ?? 5));
/** The target: a 26-class report with about 16,000 test rows in under 10 s. */
const TARGET_SECONDS = 10;
const MB = 1024 * 1024;

const log = (line: string): void => void process.stderr.write(`bench: ${line}\n`);
const round = (value: number, digits: number): number => Math.round(value * 10 ** digits) / 10 ** digits;
const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[middle] ?? NaN) : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
};

ensureGnuTime();
ensureDebianPeers({ pdfinfo: 'poppler-utils', pdftoppm: 'poppler-utils', pdftotext: 'poppler-utils' });

// 1. The trained versions (cached).
const training: Record<string, unknown> = {};
async function version(name: string, spec: VersionSpec): Promise<Version> {
  const { trained, cached } = await trainedVersion(spec, log);
  const { split } = trained.manifest.data;
  training[name] = {
    cacheKey: trained.key,
    cached,
    corpus: spec.corpus,
    config: spec.config,
    seed: spec.seed,
    classes: trained.manifest.labels.length,
    split,
    macroF1: round(trained.manifest.metrics.test.macroF1, 4),
    accuracy: round(trained.manifest.metrics.test.accuracy, 4),
    pipelineSeconds: round(trained.pipelineSeconds, 1),
    timings: trained.timings,
    process: trained.process,
  };
  log(
    `${name}: ${cached ? 'cached' : 'trained'} ${trained.key}, ${split.test} test rows, macro-F1 ${trained.manifest.metrics.test.macroF1.toFixed(4)}`,
  );
  return { spec, trained };
}
const spam = await version('spamassassin', VERSIONS.spamassassin);
const wordnetProduction = await version('wordnetProduction', VERSIONS.wordnetProduction);
const wordnet = await version('wordnet', VERSIONS.wordnet);

// 2. The renders, each in a fresh process, repetitions interleaved.
const work = join(cacheDir(), 'renders');
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
const cases = renderCases(spam, wordnetProduction, wordnet);
for (const c of cases) writeFileSync(join(work, `${c.name}.json`), JSON.stringify(c));

interface Measured extends RenderStats {
  readonly wallSeconds: number;
  /** User + system CPU time of the render process (GNU time), seconds; NaN when unknown. */
  readonly cpuSeconds: number;
  readonly peakRssBytes: number;
}
const renderProcess = (args: readonly string[]) =>
  runMeasured(process.execPath, ['--conditions=source', '--import', 'tsx', RENDER_SCRIPT, ...args], {
    cwd: REPO,
    timeoutMs: 10 * 60_000,
  });
const measured = new Map<string, Measured[]>(cases.map((c) => [c.name, []]));
/** Processes that only import the rendering core: the RSS every render starts from. */
const baseline: { importSeconds: number; wallSeconds: number; peakRssBytes: number }[] = [];
const loads: number[] = [];
for (let rep = 1; rep <= REPS; rep++) {
  const baselineStats = join(work, 'import-only.stats.json');
  const bare = await renderProcess(['--import-only', join(work, 'none.pdf'), baselineStats]);
  const imported = JSON.parse(readFileSync(baselineStats, 'utf8')) as Pick<
    RenderStats,
    'importSeconds' | 'maxRssBytes'
  >;
  baseline.push({
    importSeconds: imported.importSeconds,
    wallSeconds: bare.seconds,
    peakRssBytes: bare.peakRssBytes ?? imported.maxRssBytes,
  });
  for (const c of cases) {
    loads.push(loadavg()[0] ?? NaN);
    const pdf = join(work, `${c.name}.pdf`);
    const statsFile = join(work, `${c.name}.stats.json`);
    const run = await renderProcess([join(work, `${c.name}.json`), pdf, statsFile]);
    const stats = JSON.parse(readFileSync(statsFile, 'utf8')) as RenderStats;
    const total = stats.buildSeconds + stats.renderSeconds + stats.zipSeconds;
    measured.get(c.name)?.push({
      ...stats,
      wallSeconds: run.seconds,
      cpuSeconds: run.cpuSeconds ?? NaN,
      peakRssBytes: run.peakRssBytes ?? stats.maxRssBytes,
    });
    log(
      `rep ${rep}/${REPS} ${c.name}: build+render+zip ${total.toFixed(2)} s, process ${run.seconds.toFixed(2)} s, peak RSS ${((run.peakRssBytes ?? stats.maxRssBytes) / MB).toFixed(0)} MB`,
    );
  }
}
loads.push(loadavg()[0] ?? NaN);

// 3. Results.
const describe = (c: RenderCase): { label: string; classes: number; testRows: number; manifestBytes: number } => {
  const versions =
    c.kind === 'run'
      ? [c.run.model, ...(c.run.production ? [c.run.production] : [])]
      : [c.comparison.a, c.comparison.b];
  const first = c.kind === 'run' ? c.run.model : c.comparison.b;
  const manifest = first.manifest as ModelManifest;
  const what =
    c.kind === 'comparison'
      ? 'comparison report'
      : c.run.production
        ? 'run report with comparison to production'
        : 'run report';
  return {
    label: `${c.name} (${what}, ${manifest.labels.length} classes, ${manifest.data.split.test} test rows)`,
    classes: manifest.labels.length,
    testRows: manifest.data.split.test,
    manifestBytes: versions.reduce((sum, v) => sum + JSON.stringify(v.manifest).length, 0),
  };
};

const rows: BenchRow[] = [];
const perCase: Record<string, unknown> = {};
const table = [
  '| case | classes | test rows | build s | render s | zip s | total s (max) | process s | process CPU s | peak RSS MB | PDF KB | pages |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
];
let targetMet = true;
for (const c of cases) {
  const runs = measured.get(c.name) ?? [];
  const { label, classes, testRows, manifestBytes } = describe(c);
  const pages = pageCount(join(work, `${c.name}.pdf`));
  const of = (pick: (m: Measured) => number): number => median(runs.map(pick));
  const totals = runs.map((m) => m.buildSeconds + m.renderSeconds + m.zipSeconds);
  const figures = {
    import_time: [of((m) => m.importSeconds), 's', 2],
    load_time: [of((m) => m.loadSeconds), 's', 3],
    build_time: [of((m) => m.buildSeconds), 's', 3],
    render_time: [of((m) => m.renderSeconds), 's', 2],
    zip_time: [of((m) => m.zipSeconds), 's', 3],
    total_time: [median(totals), 's', 2],
    total_time_max: [Math.max(...totals), 's', 2],
    process_time: [of((m) => m.wallSeconds), 's', 2],
    process_cpu_time: [of((m) => m.cpuSeconds), 's', 2],
    peak_rss: [of((m) => m.peakRssBytes) / MB, 'MB', 1],
    pdf_size: [of((m) => m.pdfBytes) / 1024, 'KB', 1],
    pages: [pages, 'pages', 0],
    zip_size: [of((m) => m.zipBytes) / 1024, 'KB', 1],
  } as const;
  for (const [metric, [value, unit, digits]] of Object.entries(figures)) {
    rows.push({ system: 'reporter', case: label, metric, value: round(value, digits), unit });
  }
  if (classes >= 26 && figures.total_time_max[0] >= TARGET_SECONDS) targetMet = false;
  perCase[c.name] = { classes, testRows, manifestBytes, reps: runs.length, runs };
  table.push(
    `| ${c.name} | ${classes} | ${testRows} | ${figures.build_time[0].toFixed(2)} | ${figures.render_time[0].toFixed(2)} | ${figures.zip_time[0].toFixed(3)} | ${figures.total_time[0].toFixed(2)} (${figures.total_time_max[0].toFixed(2)}) | ${figures.process_time[0].toFixed(2)} | ${figures.process_cpu_time[0].toFixed(2)} | ${figures.peak_rss[0].toFixed(0)} | ${figures.pdf_size[0].toFixed(0)} | ${pages} |`,
  );
}

const baselineLabel = 'import only (a process that imports the rendering core and renders nothing)';
const baselineFigures = {
  import_time: [median(baseline.map((b) => b.importSeconds)), 's', 2],
  process_time: [median(baseline.map((b) => b.wallSeconds)), 's', 2],
  peak_rss: [median(baseline.map((b) => b.peakRssBytes)) / MB, 'MB', 1],
} as const;
for (const [metric, [value, unit, digits]] of Object.entries(baselineFigures)) {
  rows.push({ system: 'reporter', case: baselineLabel, metric, value: round(value, digits), unit });
}
table.push(
  `| import only | | | | | | | ${baselineFigures.process_time[0].toFixed(2)} | | ${baselineFigures.peak_rss[0].toFixed(0)} | | |`,
);

const notes = [
  `Medians of ${REPS} renders per case, each in a fresh Node process (tsx, workspace sources); cases interleaved.`,
  'total = build the view model + render the PDF + build the CSV tables zip, in the process; process = spawn to exit (Node and tsx start, importing pdfkit/vega/fonts, reading the manifests, writing the PDF).',
  'process CPU = user + system time of the render process (GNU time): less sensitive than wall time to the other work on the machine.',
  'peak RSS: GNU time (%M) of the render process; "import only" is a process that imports the rendering core and stops (the baseline of every render).',
  `Target (issue): a 26-class report with about 16,000 test rows in under ${TARGET_SECONDS} s: ${targetMet ? 'met' : 'not met'} (judged on the slowest total of every 26-class case).`,
  `1-minute load average during the renders: ${round(Math.min(...loads), 2)} to ${round(Math.max(...loads), 2)} on ${cpus().length} shared cores.`,
];

// 4. Page images for wiki/reporter.md.
const spamShots: readonly PageShot[] = [
  { name: 'title', heading: null },
  { name: 'summary', heading: 'How good is this model?' },
  { name: 'confusion', heading: 'Which classes get mixed up' },
  { name: 'calibration', heading: 'Can its confidence be trusted?' },
  { name: 'training', heading: 'How training went' },
  { name: 'errors', heading: 'Its worst mistakes, with examples' },
];
const wordnetShots: readonly PageShot[] = [
  { name: 'summary', heading: 'How good is this model?' },
  { name: 'classes', heading: 'Which classes the model learned' },
  { name: 'text-length', heading: 'How long the texts are' },
  { name: 'per-class', heading: 'Quality per class' },
  { name: 'confusion', heading: 'Which classes get mixed up' },
  { name: 'errors', heading: 'Its worst mistakes, with examples' },
];
const comparisonShots: readonly PageShot[] = [
  { name: 'title', heading: null },
  { name: 'overall', heading: 'B (v2) against A (v1)' },
  { name: 'per-class', heading: 'Change per class' },
  { name: 'confusions', heading: 'Mistakes that appeared or disappeared' },
  { name: 'lineage', heading: 'Where both versions come from' },
];
const PREFIXES = ['spamassassin-', 'wordnet-', 'comparison-'];
mkdirSync(IMAGES, { recursive: true });
for (const file of readdirSync(IMAGES)) {
  if (file.endsWith('.png') && PREFIXES.some((prefix) => file.startsWith(prefix))) rmSync(join(IMAGES, file));
}
const images = [
  ...drawPages(join(work, 'spamassassin-run.pdf'), 'spamassassin', spamShots, IMAGES, DPI),
  ...drawPages(join(work, 'wordnet-run.pdf'), 'wordnet', wordnetShots, IMAGES, DPI),
  ...drawPages(join(work, 'wordnet-comparison.pdf'), 'comparison', comparisonShots, IMAGES, DPI),
].map((image) => ({ ...image, file: image.file.slice(REPO.length) }));
log(
  `page images: ${images.length} files, ${(images.reduce((sum, i) => sum + i.bytes, 0) / 1024).toFixed(0)} KB in ${IMAGES}`,
);

const markdown = writeResults('reports', rows, notes, {
  reps: REPS,
  targetSeconds: TARGET_SECONDS,
  targetMet,
  training,
  cases: perCase,
  baseline,
  images,
  loadAverages: loads.map((value) => round(value, 2)),
});
process.stdout.write(`${table.join('\n')}\n\n${markdown}\n`);
