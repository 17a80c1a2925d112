import { resolveTrainingConfig, runTrainingPipeline } from '@mlops/ml';
import { checkExportedModel } from '@mlops/model-runtime';
import { topicCorpus } from '@mlops/testing';

/** A trained model folder: `manifest.json` and `model.onnx`, as the trainer registers them. */
export type ModelFolder = ReadonlyMap<string, Buffer>;

/** The rows' labels permuted among the rows (seeded): the texts no longer say anything about their label. */
function shuffleLabels<T extends { label: string }>(rows: readonly T[], seed: number): T[] {
  let state = seed >>> 0 || 1;
  const labels = rows.map((row) => row.label);
  for (let index = labels.length - 1; index > 0; index -= 1) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const other = Math.floor((state / 4294967296) * (index + 1));
    [labels[index], labels[other]] = [labels[other] ?? '', labels[index] ?? ''];
  }
  return rows.map((row, index) => ({ ...row, label: labels[index] ?? row.label }));
}

/**
 * Trains a small topic classifier for real with dl-trainer's training pipeline (libs/ml), on the
 * true labels or on labels shuffled among the texts (a model that learnt nothing useful).
 */
export async function trainTopicModel(seed: number, labels: 'true' | 'shuffled'): Promise<ModelFolder> {
  const corpus = topicCorpus(240, seed);
  const result = await runTrainingPipeline({
    config: resolveTrainingConfig({
      modelName: 'topics',
      task: 'topic',
      dataset: { name: 'synthetic', version: 1 },
      seed,
      config: { model: { kind: 'linear' }, optimization: { epochs: 3 }, featurizer: { wordNgrams: { buckets: 1024 } } },
    }),
    rows: labels === 'true' ? corpus : shuffleLabels(corpus, seed),
    datasetContentHash: (labels === 'true' ? 'a' : 'b').repeat(64),
    checkExported: checkExportedModel,
    exportedRuntime: 'onnxruntime-node',
    lineage: { jobId: null, runId: null, codeVersion: 'test' },
    now: () => new Date('2026-01-01T00:00:00Z'),
  });
  return new Map(result.files.map((file) => [file.path, Buffer.from(file.content)]));
}
