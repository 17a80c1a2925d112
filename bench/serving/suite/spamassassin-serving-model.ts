import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeJsonl } from '../../training/contender.js';
import { loadSpamAssassin, splitDataset, type TrainingSplit } from '../../training/datasets.js';
import type { ServingModel } from '../contender.js';

/** The SpamAssassin split written to a work folder, the model's file layout in it, and the median test e-mail. */
export interface SpamAssassinServingModel {
  readonly split: TrainingSplit;
  readonly model: ServingModel;
  /** The test e-mail of median body length (ties broken by id): the single-text request body. */
  readonly medianEmail: TrainingSplit['test'][number];
}

/**
 * Loads and splits SpamAssassin, writes the train and test parts as JSON Lines into a fresh work
 * folder (`bench-<tag>-*` under the temp dir) and names where the trained model's files go: the
 * set-up the serving and soak benches share.
 */
export async function prepareSpamAssassinServingModel(tag: string): Promise<SpamAssassinServingModel> {
  const split = splitDataset(await loadSpamAssassin());
  const workDir = mkdtempSync(join(tmpdir(), `bench-${tag}-`));
  const model: ServingModel = {
    name: 'spamassassin',
    onnxFile: join(workDir, 'model.onnx'),
    featurizerFile: join(workDir, 'featurizer.json'),
    folderDir: join(workDir, 'folder'),
    trainFile: join(workDir, 'train.jsonl'),
    testFile: join(workDir, 'test.jsonl'),
    workDir,
  };
  writeJsonl(model.trainFile, split.train);
  writeJsonl(model.testFile, split.test);
  const byLength = [...split.test].sort((a, b) => a.text.length - b.text.length || (a.id < b.id ? -1 : 1));
  const medianEmail = byLength[Math.floor(byLength.length / 2)];
  if (!medianEmail) throw new Error('empty test split');
  return { split, model, medianEmail };
}
