import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { runMeasured } from '../../lib/measure.js';
import { writeJsonl, type Contender } from '../contender.js';

const SCRIPT = fileURLToPath(new URL('../suite/train-and-predict.ts', import.meta.url));

const outputSchema = z.object({
  predictions: z.array(z.string()),
  fitSeconds: z.number(),
  fitCpuSeconds: z.number(),
  predictSeconds: z.number(),
  epochs: z.number().int(),
  bestEpoch: z.number().int(),
  temperature: z.number(),
  refit: z.boolean(),
  features: z.number().int(),
  backend: z.string(),
});

/**
 * The suite's own trainer (libs/ml) with one training config, in a child process run by tsx with
 * the workspace sources. The config is the same for every dataset: defaults unless stated.
 */
function suiteTrainer(name: string, options: Record<string, unknown>): Contender {
  return {
    name,
    async run(split, workDir) {
      const trainFile = join(workDir, 'train.jsonl');
      const testFile = join(workDir, 'test.jsonl');
      const outFile = join(workDir, 'suite-out.json');
      writeJsonl(trainFile, split.train);
      writeJsonl(testFile, split.test);
      const run = await runMeasured(
        process.execPath,
        ['--conditions=source', '--import', 'tsx', SCRIPT, trainFile, testFile, outFile, JSON.stringify(options)],
        { env: process.env },
      );
      const out = outputSchema.parse(JSON.parse(readFileSync(outFile, 'utf8')));
      return {
        predictions: out.predictions,
        fitSeconds: out.fitSeconds,
        fitCpuSeconds: out.fitCpuSeconds,
        totalSeconds: run.seconds,
        ...(run.cpuSeconds !== null ? { totalCpuSeconds: run.cpuSeconds } : {}),
        peakRssBytes: run.peakRssBytes,
        settings: {
          config: JSON.stringify(options),
          backend: out.backend,
          features: out.features,
          epochs: out.epochs,
          bestEpoch: out.bestEpoch,
          temperature: out.temperature,
          refit: out.refit,
        },
      };
    },
  };
}

/**
 * The default config: TF-IDF (words + hashed bigrams) → linear, squared hinge, SGD, 20 epochs,
 * temperature calibration on validation, refitted on the whole train part.
 */
export const suiteLinear = suiteTrainer('mlops-suite linear (default)', {});

/**
 * The linear default before issue 13, written out: softmax, Adam at 0.01, batches of 32, early
 * stopping on validation macro-F1 (patience 3), the best epoch's model served (no refit). Its fit
 * time beside the default's, in the same run, is the cost of the new recipe.
 */
export const suiteLinearBefore = suiteTrainer('mlops-suite linear (config before issue 13)', {
  split: { refit: false },
  optimization: {
    optimizer: 'adam',
    loss: 'softmax',
    learningRate: 0.01,
    batchSize: 32,
    earlyStopping: { patience: 3, minDelta: 0.0001 },
  },
});

/**
 * The linear model solved by dual coordinate descent (liblinear's solver for the squared hinge,
 * LinearSVC's; `optimization.optimizer: dual_cd`, C 1, balanced class weights), refitted as the default.
 */
export const suiteLinearDualCd = suiteTrainer('mlops-suite linear (optimizer dual_cd)', {
  optimization: { optimizer: 'dual_cd' },
});

/** fastText-style embedding bag (mean of word and bigram embeddings, 32 dimensions). */
export const suiteEmbeddingBag = suiteTrainer('mlops-suite embedding bag', { model: { kind: 'embedding_bag' } });
