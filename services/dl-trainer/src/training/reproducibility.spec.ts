import { createHash } from 'node:crypto';
import {
  createRandom,
  resolveTrainingConfig,
  runTrainingPipeline,
  type PipelineResult,
  type TrainingRow,
} from '@mlops/ml';
import { describe, expect, it } from 'vitest';
import { checkWithOnnxRuntime } from './onnx-runner.js';

const TOPICS: Record<string, string[]> = {
  finance: ['invoice', 'payment', 'account', 'bank', 'transfer', 'balance', 'credit', 'amount', 'due', 'iban'],
  travel: ['flight', 'hotel', 'booking', 'airport', 'train', 'ticket', 'luggage', 'gate', 'passport', 'trip'],
  health: ['doctor', 'clinic', 'appointment', 'dose', 'symptom', 'nurse', 'therapy', 'fever', 'blood', 'test'],
};
const COMMON = ['the', 'a', 'please', 'your', 'for', 'with', 'today', 'on', 'monday', 'we'];

/** Short texts drawn from topic words mixed with common words, seeded. */
function corpus(count: number): TrainingRow[] {
  const random = createRandom(11);
  const labels = Object.keys(TOPICS);
  return Array.from({ length: count }, (_, index) => {
    const label = labels[index % labels.length] ?? 'finance';
    const words = Array.from({ length: 12 }, () => {
      const pool = random.next() < 0.5 ? (TOPICS[label] ?? COMMON) : COMMON;
      return pool[random.integer(pool.length)] ?? 'the';
    });
    const text = words.join(' ');
    return {
      id: `doc-${index}`,
      text,
      label,
      textSha256: createHash('sha256').update(`${index}:${text}`).digest('hex'),
    };
  });
}

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
    rows: corpus(300),
    datasetContentHash: 'a'.repeat(64),
    checkExported: checkWithOnnxRuntime,
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
