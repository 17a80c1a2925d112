import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { runMeasured } from '../lib/measure.js';
import { ensurePythonVenv } from '../lib/python.js';
import type { FeaturizeCorpus } from './corpora.js';

/** The pins of the training benchmark's scikit-learn peer: one venv serves both. */
const REQUIREMENTS = ['scikit-learn==1.9.1', 'numpy==2.4.6', 'scipy==1.17.1'];
const SCRIPT = fileURLToPath(new URL('./peers/sklearn_vectorize.py', import.meta.url));

const timing = z.object({ cpu_seconds: z.number(), wall_seconds: z.number() });
const outputSchema = z.object({
  fit: timing,
  rounds: z.object({ tokenise: z.array(timing), featurise: z.array(timing) }),
  features: z.number().int(),
  settings: z.record(z.string(), z.string()),
  versions: z.record(z.string(), z.string()),
});
/** What the scikit-learn peer measured on one corpus. */
export type SklearnMeasurement = z.output<typeof outputSchema>;

/** Installs the peer into the benchmark venv when needed; returns its python. */
export function prepareSklearn(): string {
  return ensurePythonVenv(REQUIREMENTS);
}

/**
 * scikit-learn's `TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)` fitted on the corpus, its
 * tokenising and `transform` timed round after round in a Python child process
 * (bench/featurize/peers/sklearn_vectorize.py), BLAS threads 1.
 */
export async function measureSklearn(
  python: string,
  corpus: FeaturizeCorpus,
  workDir: string,
  rounds: number,
): Promise<SklearnMeasurement> {
  const input = join(workDir, 'sklearn-in.json');
  const out = join(workDir, 'sklearn-out.json');
  writeFileSync(input, JSON.stringify({ texts: corpus.texts, rounds }));
  const env = { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
  await runMeasured(python, [SCRIPT, input, out], { env });
  return outputSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
}
