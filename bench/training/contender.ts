import { writeFileSync } from 'node:fs';
import type { LabelledExample } from '@mlops/ml';
import type { TrainingSplit } from './datasets.js';

export type { TrainingSplit } from './datasets.js';

/** What one contender measured on one dataset. */
export interface ContenderRun {
  /** One predicted label per `split.test` example, in the same order. */
  readonly predictions: readonly string[];
  /** Training only (building the vocabulary/features and fitting), seconds. */
  readonly fitSeconds: number;
  /** Everything the contender did for this dataset (process start, I/O, fit, predicting the test part), seconds. */
  readonly totalSeconds: number;
  /** CPU time (user + system, all threads) of the fit alone, seconds, when measured: less sensitive to a busy machine than wall time. */
  readonly fitCpuSeconds?: number;
  /** CPU time of everything counted in `totalSeconds`, seconds, when measured. */
  readonly totalCpuSeconds?: number;
  /** Peak resident memory of the contender's process(es), bytes; null when it could not be measured. */
  readonly peakRssBytes: number | null;
  /** Model file size on disk, bytes, when the contender writes one. */
  readonly modelBytes?: number;
  /** The hyperparameters and versions used, as stated in the results. */
  readonly settings: Readonly<Record<string, string | number | boolean>>;
}

/**
 * One system under comparison. `prepare` installs what it needs (idempotent) before anything is
 * timed; `run` trains on `split.train`, predicts `split.test`, and may write anything under `workDir`
 * (a fresh empty directory per dataset, removed afterwards). Contenders run one after another.
 */
export interface Contender {
  readonly name: string;
  prepare?(): void | Promise<void>;
  run(split: TrainingSplit, workDir: string): Promise<ContenderRun>;
}

/** One line per text: newlines and other whitespace runs become single spaces. */
export const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** Writes examples as JSON Lines `{"id","text","label"}`. */
export function writeJsonl(path: string, examples: readonly LabelledExample[]): void {
  writeFileSync(
    path,
    examples.map((e) => JSON.stringify({ id: e.id, text: e.text, label: e.label })).join('\n') + '\n',
  );
}
