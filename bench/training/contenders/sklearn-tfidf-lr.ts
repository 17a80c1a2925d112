import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { runMeasured } from '../../lib/measure.js';
import { ensurePythonVenv } from '../../lib/python.js';
import { writeJsonl, type Contender, type ContenderRun, type TrainingSplit } from '../contender.js';

/** Pinned so that every machine measures the same code (versions available for Python 3.11 on PyPI). */
const REQUIREMENTS = ['scikit-learn==1.9.1', 'numpy==2.4.6', 'scipy==1.17.1'];
const SCRIPT = fileURLToPath(new URL('../peers/sklearn_tfidf_lr.py', import.meta.url));
const THREADS = '2';

const outputSchema = z.object({
  predictions: z.array(z.string()),
  fit_seconds: z.number(),
  fit_cpu_seconds: z.number(),
  predict_seconds: z.number(),
  features: z.number().int(),
  iterations: z.number().int(),
  settings: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  versions: z.record(z.string(), z.string()),
});

let python: string | undefined;

/**
 * scikit-learn `TfidfVectorizer(sublinear_tf=True, ngram_range=(1, 2), min_df=2)` + a linear
 * classifier, in a Python child process (bench/training/peers/sklearn_tfidf_lr.py) from the
 * benchmark venv. BLAS threads capped at 2.
 */
function sklearnTfidf(name: string, classifier: 'lr' | 'svc'): Contender {
  return {
    name,
    prepare: () => {
      python = ensurePythonVenv(REQUIREMENTS);
    },
    run: (split, workDir) => runSklearn(split, workDir, classifier),
  };
}

async function runSklearn(split: TrainingSplit, workDir: string, classifier: 'lr' | 'svc'): Promise<ContenderRun> {
  if (!python) throw new Error('prepare() was not called');
  const trainFile = join(workDir, 'train.jsonl');
  const testFile = join(workDir, 'test.jsonl');
  const outFile = join(workDir, 'out.json');
  writeJsonl(trainFile, split.train);
  writeJsonl(testFile, split.test);
  const env = {
    ...process.env,
    OMP_NUM_THREADS: THREADS,
    OPENBLAS_NUM_THREADS: THREADS,
    MKL_NUM_THREADS: THREADS,
    PYTHONHASHSEED: '0',
  };
  const run = await runMeasured(python, [SCRIPT, trainFile, testFile, outFile, classifier], { env });
  const out = outputSchema.parse(JSON.parse(readFileSync(outFile, 'utf8')));
  return {
    predictions: out.predictions,
    fitSeconds: out.fit_seconds,
    totalSeconds: run.seconds,
    fitCpuSeconds: out.fit_cpu_seconds,
    ...(run.cpuSeconds !== null ? { totalCpuSeconds: run.cpuSeconds } : {}),
    peakRssBytes: run.peakRssBytes,
    settings: {
      ...Object.fromEntries(Object.entries(out.versions).map(([name, version]) => [name, version])),
      ...out.settings,
      features: out.features,
      iterations: out.iterations,
    },
  };
}

/** `LogisticRegression(C=1.0, max_iter=1000)` (lbfgs, multinomial). */
export const sklearnTfidfLr = sklearnTfidf('scikit-learn TF-IDF + LR', 'lr');

/** `LinearSVC(C=1.0)` (squared hinge, one-vs-rest, liblinear): the reference peer. */
export const sklearnTfidfSvc = sklearnTfidf('scikit-learn TF-IDF + LinearSVC', 'svc');
