import { resolveTrainingConfig, runTrainingPipeline, type PipelineResult } from '@mlops/ml';
import { topicCorpus } from '@mlops/testing';
import { describe, expect, it } from 'vitest';
import { checkExportedModel } from '@mlops/model-runtime';

async function train(modelKind: 'embedding_bag' | 'mlp'): Promise<PipelineResult> {
  return runTrainingPipeline({
    config: resolveTrainingConfig({
      modelName: 'topics',
      task: 'topic',
      dataset: { name: 'synthetic', version: 1 },
      seed: 42,
      config: {
        model: { kind: modelKind },
        optimization: { epochs: 4 },
        featurizer: { wordNgrams: { buckets: 1024 } },
      },
    }),
    rows: topicCorpus(300, 11),
    datasetContentHash: 'a'.repeat(64),
    checkExported: checkExportedModel,
    exportedRuntime: 'onnxruntime-node',
    lineage: { jobId: null, runId: null, codeVersion: 'test' },
    now: () => new Date('2026-01-01T00:00:00Z'),
  });
}

describe('training reproducibility', () => {
  it.each(['embedding_bag', 'mlp'] as const)(
    'gives identical metrics and weight checksums for the same config, data and seed (%s)',
    async (kind) => {
      const first = await train(kind);
      const second = await train(kind);
      expect(second.manifest.model.weightsSha256).toBe(first.manifest.model.weightsSha256);
      expect(second.manifest.metrics.test).toEqual(first.manifest.metrics.test);
      expect(second.manifest.metrics.curve.map((point) => point.trainLoss)).toEqual(
        first.manifest.metrics.curve.map((point) => point.trainLoss),
      );
      expect(first.manifest.metrics.parity).toMatchObject({ passed: true, argmaxMismatches: 0 });
      expect(first.manifest.metrics.test.macroF1).toBeGreaterThan(0.6);
    },
    60_000,
  );
});
