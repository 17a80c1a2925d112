import { checkExportedModel } from '@mlops/model-runtime';
import { resolveTrainingConfig, runTrainingPipeline, type ModelManifest, type TrainingRow } from '@mlops/ml';
import { topicCorpus } from '@mlops/testing';

/** A trained version: its manifest and the rows it was trained and tested on (for example texts). */
export interface TrainedVersion {
  readonly manifest: ModelManifest;
  readonly rows: readonly TrainingRow[];
}

/** What to train. */
export interface TrainOptions {
  readonly rows: readonly TrainingRow[];
  readonly seed: number;
  readonly modelName?: string;
  readonly epochs?: number;
  readonly datasetVersion?: number;
  readonly config?: Record<string, unknown>;
  readonly createdAt?: string;
}

/** Trains a real model with libs/ml's pipeline (TensorFlow.js, ONNX export, parity with ONNX Runtime). */
export async function trainVersion(options: TrainOptions): Promise<TrainedVersion> {
  const result = await runTrainingPipeline({
    config: resolveTrainingConfig({
      modelName: options.modelName ?? 'topics',
      task: 'topic',
      dataset: { name: 'support-mail', version: options.datasetVersion ?? 1 },
      seed: options.seed,
      config: {
        model: { kind: 'linear' },
        optimization: { epochs: options.epochs ?? 6 },
        featurizer: { wordNgrams: { buckets: 2048 } },
        ...options.config,
      },
    }),
    rows: options.rows,
    datasetContentHash: 'c0ffee'.padEnd(64, '0'),
    checkExported: checkExportedModel,
    exportedRuntime: 'onnxruntime-node',
    lineage: { jobId: 'job-7', runId: `run-${options.seed}`, codeVersion: '4f3c2a1' },
    now: () => new Date(options.createdAt ?? '2026-03-02T09:30:00Z'),
  });
  return { manifest: result.manifest, rows: options.rows };
}

/**
 * The topic corpus of @mlops/testing made harder: every seventh label is moved to the next topic
 * (label noise, so the model makes mistakes), some finance texts mention an amount (for the
 * decision rule; some travel texts too, where the rule is wrong), and a few rows are duplicated
 * (for the filterer's drops).
 */
export function noisyTopics(count: number, seed: number): TrainingRow[] {
  const labels = ['finance', 'health', 'travel'];
  const rows = topicCorpus(count, seed).map((row, index) => {
    const label = index % 7 === 3 ? (labels[(labels.indexOf(row.label) + 1) % labels.length] ?? row.label) : row.label;
    const amount = (row.label === 'finance' && index % 4 === 0) || (row.label === 'travel' && index % 5 === 0);
    const text = amount ? `${row.text} total 1,250.00 EUR` : row.text;
    return { id: row.id, text, label, textSha256: row.textSha256 };
  });
  return [...rows, ...rows.slice(0, 6).map((row) => ({ ...row, id: `${row.id}-copy` }))];
}

/**
 * A corpus of `classes` topics whose vocabularies overlap with their neighbours' (so neighbours
 * get confused), `perClass` texts each, seeded.
 */
export function manyTopics(classes: number, perClass: number, seed: number): TrainingRow[] {
  let state = seed >>> 0 || 1;
  const next = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
  const names = Array.from(
    { length: classes },
    (_, index) => `topic-${String.fromCharCode(97 + (index % 26))}${index >= 26 ? index : ''}`,
  );
  const words = (index: number): string[] => Array.from({ length: 6 }, (_, w) => `w${index}x${w}`);
  const common = ['the', 'a', 'please', 'your', 'for', 'with', 'today', 'we', 'and', 'on'];
  return names.flatMap((label, index) =>
    Array.from({ length: perClass }, (_, n) => {
      const own = words(index);
      const neighbour = words((index + 1) % classes);
      const text = Array.from({ length: 10 }, () => {
        const r = next();
        const pool = r < 0.3 ? own : r < 0.55 ? neighbour : common;
        return pool[Math.floor(next() * pool.length)] ?? 'the';
      }).join(' ');
      const id = `${label}-${n}`;
      return { id, text, label, textSha256: id.padEnd(64, '0').slice(0, 64) };
    }),
  );
}
