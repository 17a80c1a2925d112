import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runMeasured } from '../../lib/measure.js';
import { debianVersion, ensureDebianPeers } from '../../lib/peers.js';
import { oneLine, type Contender } from '../contender.js';

const LABEL_PREFIX = '__label__';

/**
 * The recipe of fastText's text classification tutorial (`-lr 1.0 -epoch 25 -wordNgrams 2`), the
 * rest at the CLI's defaults (dim 100, softmax loss, minCount 1, 2,000,000 hash buckets), for every
 * dataset. The seed is fixed, but two threads (Hogwild) make runs differ slightly.
 */
const SETTINGS = {
  lr: 1.0,
  epoch: 25,
  wordNgrams: 2,
  dim: 100,
  loss: 'softmax',
  minCount: 1,
  bucket: 2_000_000,
  thread: 2,
  seed: 42,
} as const;

/** Debian's `fasttext` command line: `fasttext supervised` to train, `fasttext predict` on the test part. */
export const fastText: Contender = {
  name: 'fastText',
  prepare: () => ensureDebianPeers({ fasttext: 'fasttext' }),
  async run(split, workDir) {
    const trainFile = join(workDir, 'train.txt');
    const testFile = join(workDir, 'test.txt');
    const model = join(workDir, 'model');
    writeFileSync(trainFile, split.train.map((e) => `${LABEL_PREFIX}${e.label} ${oneLine(e.text)}\n`).join(''));
    writeFileSync(testFile, split.test.map((e) => `${oneLine(e.text)}\n`).join(''));
    const args = Object.entries(SETTINGS).flatMap(([key, value]) => [`-${key}`, String(value)]);
    const fit = await runMeasured('fasttext', ['supervised', '-input', trainFile, '-output', model, ...args]);
    const predict = await runMeasured('fasttext', ['predict', `${model}.bin`, testFile]);
    const predictions = predict.stdout
      .split('\n')
      .slice(0, split.test.length)
      .map((line) => line.trim().split(' ')[0]?.replace(LABEL_PREFIX, '') ?? '');
    const peaks = [fit.peakRssBytes, predict.peakRssBytes].filter((bytes): bytes is number => bytes !== null);
    return {
      predictions,
      fitSeconds: fit.seconds,
      totalSeconds: fit.seconds + predict.seconds,
      ...(fit.cpuSeconds !== null && predict.cpuSeconds !== null
        ? { fitCpuSeconds: fit.cpuSeconds, totalCpuSeconds: fit.cpuSeconds + predict.cpuSeconds }
        : {}),
      peakRssBytes: peaks.length > 0 ? Math.max(...peaks) : null,
      modelBytes: statSync(`${model}.bin`).size,
      settings: { version: `Debian fasttext ${debianVersion('fasttext') ?? '?'}`, ...SETTINGS },
    };
  },
};
