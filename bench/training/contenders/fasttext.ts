import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runMeasured } from '../../lib/measure.js';
import { debianVersion, ensureDebianPeers } from '../../lib/peers.js';
import { oneLine, type Contender, type ContenderRun, type TrainingSplit } from '../contender.js';

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

/** A label as one fastText token: `__label__` and the label with its whitespace turned into `_`. */
const labelToken = (label: string): string => `${LABEL_PREFIX}${label.replace(/\s/g, '_')}`;

/**
 * The preprocessing of fastText's text classification tutorial: `sed -e "s/\([.\!?,'/()]\)/ \1 /g" | tr
 * "[:upper:]" "[:lower:]"`, i.e. spaces around `. ! ? , ' / ( )`, then lower case.
 */
function tutorialPreprocessing(text: string): string {
  return text.replace(/([.!?,'/()])/g, ' $1 ').toLowerCase();
}

/**
 * Debian's `fasttext` command line: `fasttext supervised` to train, `fasttext predict` on the test
 * part, each text on one line after `preprocess` (none unless given).
 */
function fastTextContender(name: string, preprocess: ((text: string) => string) | null): Contender {
  const line = (text: string): string => oneLine(preprocess ? preprocess(text) : text);
  return {
    name,
    prepare: () => ensureDebianPeers({ fasttext: 'fasttext' }),
    run: async (split, workDir) => runFastText(split, workDir, line, preprocess !== null),
  };
}

async function runFastText(
  split: TrainingSplit,
  workDir: string,
  line: (text: string) => string,
  tutorialPreprocessed: boolean,
): Promise<ContenderRun> {
  const trainFile = join(workDir, 'train.txt');
  const testFile = join(workDir, 'test.txt');
  const model = join(workDir, 'model');
  const labelOf = new Map(split.labels.map((label) => [labelToken(label), label]));
  writeFileSync(trainFile, split.train.map((e) => `${labelToken(e.label)} ${line(e.text)}\n`).join(''));
  writeFileSync(testFile, split.test.map((e) => `${line(e.text)}\n`).join(''));
  const args = Object.entries(SETTINGS).flatMap(([key, value]) => [`-${key}`, String(value)]);
  const fit = await runMeasured('fasttext', ['supervised', '-input', trainFile, '-output', model, ...args]);
  const predict = await runMeasured('fasttext', ['predict', `${model}.bin`, testFile]);
  const predictions = predict.stdout
    .split('\n')
    .slice(0, split.test.length)
    .map((answer) => labelOf.get(answer.trim().split(' ')[0] ?? '') ?? '');
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
    settings: { version: `Debian fasttext ${debianVersion('fasttext') ?? '?'}`, ...SETTINGS, tutorialPreprocessed },
  };
}

/** The tutorial's recipe on the texts as every contender gets them (whitespace runs → one space). */
export const fastText = fastTextContender('fastText', null);

/** The same recipe on the tutorial's preprocessing (punctuation split off, lower case). */
export const fastTextTutorial = fastTextContender('fastText (tutorial preprocessing)', tutorialPreprocessing);
