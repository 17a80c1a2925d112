import type { ModelVersion } from '@mlops/contracts';
import { packBatch, readManifest, textFeaturizerFromJSON } from '@mlops/ml/serving';
import { OnnxClassifier } from '@mlops/model-runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainTopicModel, type ModelFolder } from '../../test/support/train-topic-model.js';
import { LoadedModel, type ModelExecution } from './loaded-model.js';

const version = (folder: ModelFolder): ModelVersion => ({
  name: 'topics',
  version: 1,
  source: 'import',
  createdAt: '2026-01-01T00:00:00.000Z',
  createdBy: 'test',
  labels: readManifest(folder.get('manifest.json') ?? Buffer.alloc(0)).labels,
  metrics: {},
  files: [],
  folderChecksum: 'a'.repeat(64),
  totalBytes: 0,
});

describe.each<ModelExecution>(['thread', 'inline'])('LoadedModel (execution %s)', (execution) => {
  let folder: ModelFolder;
  let model: LoadedModel;

  beforeAll(async () => {
    folder = await trainTopicModel(7);
    model = await LoadedModel.load(version(folder), folder, {
      onnx: { intraOpThreads: 1, interOpThreads: 1 },
      batching: { maxSize: 32, maxDelayMs: 0 },
      warmupPredictions: 1,
      execution,
    });
  }, 60_000);

  afterAll(async () => {
    await model.release();
  });

  it('answers a batch of very different lengths (run in width groups) as ONNX Runtime does each text alone', async () => {
    const long = Array.from({ length: 400 }, (_, index) => `invoice${index} bank flight doctor ${index}`).join(' ');
    const texts = ['invoice', long, 'the flight to the airport', 'we', `${long} dose`, 'blood test at the clinic'];
    const outcomes = await model.classifyNow(texts);
    const manifest = readManifest(folder.get('manifest.json') ?? Buffer.alloc(0));
    const featurizer = textFeaturizerFromJSON(manifest.preprocessing.featurizer);
    const classifier = await OnnxClassifier.load(folder.get('model.onnx') ?? Buffer.alloc(0));
    try {
      for (const [row, text] of texts.entries()) {
        const alone = await classifier.predict(packBatch([featurizer.transform(text)]));
        const served = outcomes[row]?.probabilities ?? new Float32Array(0);
        expect(served).toHaveLength(alone.length);
        alone.forEach((p, column) => expect(served[column]).toBeCloseTo(p, 5));
      }
    } finally {
      await classifier.release();
    }
  });
});
