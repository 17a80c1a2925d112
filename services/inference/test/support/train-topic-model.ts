import { checkExportedModel } from '@mlops/model-runtime';
import { topicCorpus } from '@mlops/testing';
import { resolveTrainingConfig, runTrainingPipeline } from '@mlops/ml';

/** A trained model folder: `manifest.json` and `model.onnx`, as the trainer registers them. */
export type ModelFolder = ReadonlyMap<string, Buffer>;

/** Trains a small topic classifier for real with libs/ml (a few seconds); the seed changes the weights. */
export async function trainTopicModel(
  seed: number,
  kind: 'linear' | 'mlp' = 'linear',
  rules: readonly unknown[] = [],
): Promise<ModelFolder> {
  const result = await runTrainingPipeline({
    config: resolveTrainingConfig({
      modelName: 'topics',
      task: 'topic',
      dataset: { name: 'synthetic', version: 1 },
      seed,
      config: { model: { kind }, optimization: { epochs: 3 }, featurizer: { wordNgrams: { buckets: 1024 } }, rules },
    }),
    rows: topicCorpus(240, seed),
    datasetContentHash: 'a'.repeat(64),
    checkExported: checkExportedModel,
    exportedRuntime: 'onnxruntime-node',
    lineage: { jobId: null, runId: null, codeVersion: 'test' },
    now: () => new Date('2026-01-01T00:00:00Z'),
  });
  return new Map(result.files.map((file) => [file.path, Buffer.from(file.content)]));
}
