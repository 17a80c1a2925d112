/**
 * The objective of the corpus studies: validation macro-F1 (at the best epoch) of the suite's
 * trainer (libs/ml `trainSparseBag`, called directly) on a fixed, small subset of a training-bench
 * corpus. The recipe is the same for every corpus: the training bench's cleaning and train part
 * (its test part is never read), at most `PER_LABEL` examples per label taken in that part's seeded
 * order, a stratified 70/30 train/validation split (seed `SPLIT_SEED`), the featurizer fitted once
 * on the train part, `EPOCHS` epochs, training seed `TRAIN_SEED`. Deterministic: the same
 * parameters give the same value, whichever sampler asked for them.
 */
import {
  applyOverrides,
  fitTextFeaturizer,
  stratifiedSplit,
  trainingOptionsSchema,
  trainSparseBag,
  type Assignment,
  type LabelledExample,
} from '@mlops/ml';
import { splitDataset, type BenchDataset } from '../training/datasets.js';
import { TRAINING_SPACE } from './training-objective.js';

export const PER_LABEL = 40;
export const EPOCHS = 8;
export const SPLIT_SEED = 7;
export const TRAIN_SEED = 7;

const BASE = {
  featurizer: { wordNgrams: { buckets: 2048 } },
  model: { kind: 'linear' },
  optimization: { epochs: EPOCHS, earlyStopping: null },
};

/** A corpus objective: its sizes and `evaluate` (one training per call, memoised by parameters). */
export interface CorpusObjective {
  readonly corpus: string;
  readonly labels: number;
  readonly train: number;
  readonly validation: number;
  readonly evaluate: (params: Assignment) => Promise<number>;
  /** Trainings really run (a repeated parameter set is answered from memory). */
  readonly trainings: () => number;
  /** Wall seconds spent in trainings. */
  readonly trainingSeconds: () => number;
}

function capPerLabel(examples: readonly LabelledExample[]): LabelledExample[] {
  const taken = new Map<string, number>();
  return examples.filter((example) => {
    const count = taken.get(example.label) ?? 0;
    taken.set(example.label, count + 1);
    return count < PER_LABEL;
  });
}

/** Builds the objective of one corpus once (subset, split, featurizer); each new parameter set trains once. */
export function corpusObjective(dataset: BenchDataset): CorpusObjective {
  const subset = capPerLabel(splitDataset(dataset).train);
  const labels = [...new Set(subset.map((e) => e.label))].sort();
  const parts = stratifiedSplit(subset, { test: 0, validation: 0.3 }, SPLIT_SEED);
  const featurizer = fitTextFeaturizer(trainingOptionsSchema.parse(BASE).featurizer, parts.train);
  const encode = (items: readonly LabelledExample[]) => ({
    vectors: items.map((e) => featurizer.transform(e.text)),
    targets: Int32Array.from(items, (e) => labels.indexOf(e.label)),
  });
  const train = encode(parts.train);
  const validation = encode(parts.validation);
  const memo = new Map<string, number>();
  let seconds = 0;
  return {
    corpus: dataset.name,
    labels: labels.length,
    train: parts.train.length,
    validation: parts.validation.length,
    trainings: () => memo.size,
    trainingSeconds: () => seconds,
    evaluate: async (params) => {
      const key = JSON.stringify(Object.entries(params).sort(([a], [b]) => (a < b ? -1 : 1)));
      const known = memo.get(key);
      if (known !== undefined) return known;
      const options = trainingOptionsSchema.parse(applyOverrides(BASE, TRAINING_SPACE, params));
      const started = performance.now();
      const trained = await trainSparseBag({
        model: options.model,
        optimization: options.optimization,
        featureCount: featurizer.dimension,
        classes: labels.length,
        seed: TRAIN_SEED,
        train,
        validation,
      });
      seconds += (performance.now() - started) / 1000;
      const value = trained.curve[trained.bestEpoch - 1]?.validationMacroF1 ?? 0;
      memo.set(key, value);
      return value;
    },
  };
}
