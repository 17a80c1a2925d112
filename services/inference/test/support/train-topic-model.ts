import { createHash } from 'node:crypto';
import { checkParity, OnnxClassifier } from '@mlops/model-runtime';
import {
  createRandom,
  resolveTrainingConfig,
  runTrainingPipeline,
  type ProbabilityComparison,
  type SparseVector,
  type TrainingRow,
} from '@mlops/ml';

const TOPICS: Record<string, string[]> = {
  finance: ['invoice', 'payment', 'account', 'bank', 'transfer', 'balance', 'credit', 'amount', 'due', 'iban'],
  travel: ['flight', 'hotel', 'booking', 'airport', 'train', 'ticket', 'luggage', 'gate', 'passport', 'trip'],
  health: ['doctor', 'clinic', 'appointment', 'dose', 'symptom', 'nurse', 'therapy', 'fever', 'blood', 'test'],
};
const COMMON = ['the', 'a', 'please', 'your', 'for', 'with', 'today', 'on', 'monday', 'we'];

/** Short seeded texts mixing topic words with common words. */
function corpus(count: number, seed: number): TrainingRow[] {
  const random = createRandom(seed);
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

async function checkWithOnnxRuntime(
  onnx: Uint8Array,
  vectors: readonly SparseVector[],
  expected: Float32Array,
  tolerance: number,
): Promise<ProbabilityComparison> {
  const classifier = await OnnxClassifier.load(onnx);
  try {
    return await checkParity(classifier, vectors, expected, { tolerance });
  } finally {
    await classifier.release();
  }
}

/** A trained model folder: `manifest.json` and `model.onnx`, as the trainer registers them. */
export type ModelFolder = ReadonlyMap<string, Buffer>;

/** Trains a small topic classifier for real with libs/ml (a few seconds); the seed changes the weights. */
export async function trainTopicModel(seed: number, kind: 'linear' | 'mlp' = 'linear'): Promise<ModelFolder> {
  const result = await runTrainingPipeline({
    config: resolveTrainingConfig({
      modelName: 'topics',
      task: 'topic',
      dataset: { name: 'synthetic', version: 1 },
      seed,
      config: { model: { kind }, optimization: { epochs: 3 }, featurizer: { wordNgrams: { buckets: 1024 } } },
    }),
    rows: corpus(240, seed),
    datasetContentHash: 'a'.repeat(64),
    checkExported: checkWithOnnxRuntime,
    exportedRuntime: 'onnxruntime-node',
    lineage: { jobId: null, runId: null, codeVersion: 'test' },
    now: () => new Date('2026-01-01T00:00:00Z'),
  });
  return new Map(result.files.map((file) => [file.path, Buffer.from(file.content)]));
}
