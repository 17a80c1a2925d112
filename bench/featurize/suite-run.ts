import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { runMeasured } from '../lib/measure.js';
import type { FeaturizeCorpus } from './corpora.js';

const SCRIPT = fileURLToPath(new URL('./suite/measure-featurizer.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const rate = z.object({ cpu: z.number(), wall: z.number() });
const timing = z.object({ cpuSeconds: z.number(), wallSeconds: z.number() });
const outputSchema = z.object({
  texts: z.number().int(),
  bytes: z.number().int(),
  tokens: z.number().int(),
  features: z.number().int(),
  vocabulary: z.number().int(),
  differentTokens: z.number().int(),
  differentVectors: z.number().int(),
  throughput: z.record(z.string(), rate),
  fit: z.object({ reference: timing, singlePass: timing }).nullable(),
});
/** What the suite's child process measured on one corpus. */
export type SuiteMeasurement = z.output<typeof outputSchema>;

/**
 * Measures the suite's featurizer and its reference on a corpus in a child process on the
 * workspace sources (bench/featurize/suite/measure-featurizer.ts).
 */
export async function measureSuite(
  corpus: FeaturizeCorpus,
  workDir: string,
  rounds: number,
): Promise<SuiteMeasurement> {
  const input = join(workDir, 'suite-in.json');
  const out = join(workDir, 'suite-out.json');
  const profileDir = process.env.BENCH_FEATURIZE_CPU_PROF_DIR ?? null;
  writeFileSync(
    input,
    JSON.stringify({ name: corpus.name, texts: corpus.texts, trainTexts: corpus.trainTexts, rounds, profileDir }),
  );
  await runMeasured(process.execPath, ['--conditions=source', '--import', 'tsx', SCRIPT, input, out], {
    cwd: ROOT,
    env: { ...process.env, TSX_TSCONFIG_PATH: join(ROOT, 'tsconfig.check.json') },
  });
  return outputSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
}
