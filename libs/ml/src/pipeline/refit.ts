import type { TrainingOptions } from '../config/training-options.js';
import type { SparseVector } from '../core/sparse-vector.js';
import { fitTextFeaturizer, type FeaturizerInput, type TextFeaturizer } from '../featurizers/text-featurizer.js';
import type { SparseBagWeights } from '../model/network-weights.js';
import { scaleLogits } from '../model/temperature.js';
import { trainSparseBag } from '../model/trainer.js';

/** A labelled row as the refit reads it. */
export interface RefitRow extends FeaturizerInput {
  readonly label: string;
}

/** What a refit needs: the recipe, every labelled row, and what the held-out run settled. */
export interface RefitInput {
  readonly options: Pick<TrainingOptions, 'featurizer' | 'model' | 'optimization'>;
  readonly rows: readonly RefitRow[];
  readonly labels: readonly string[];
  readonly seed: number;
  /** The held-out run's result epoch (its best with early stopping, else its last): the refit stops there. */
  readonly epochs: number;
  /** The held-out run's calibration factor, applied to the refitted logits. */
  readonly temperature: number;
  readonly signal?: AbortSignal | undefined;
}

/** The served model of a refit: its featurizer and weights. */
export interface RefitModel {
  readonly featurizer: TextFeaturizer;
  readonly weights: SparseBagWeights;
}

const NO_ROWS = { vectors: [] as SparseVector[], targets: new Int32Array(0) };

/**
 * Fits the featurizer and the model again on every labelled row with the same recipe: the same
 * seed and learning-rate schedule (planned over `optimization.epochs`), stopped after `epochs`
 * epochs, where the held-out run's result was, then the held-out run's temperature. The held-out
 * run's test metrics estimate this model's quality: the same recipe, on less data.
 */
export async function refitOnAllRows(input: RefitInput): Promise<RefitModel> {
  const featurizer = fitTextFeaturizer(input.options.featurizer, input.rows);
  const trained = await trainSparseBag({
    model: input.options.model,
    optimization: { ...input.options.optimization, earlyStopping: null },
    featureCount: featurizer.dimension,
    classes: input.labels.length,
    seed: input.seed,
    train: {
      vectors: input.rows.map((row) => featurizer.transform(row.text, row.numeric)),
      targets: Int32Array.from(input.rows, (row) => input.labels.indexOf(row.label)),
    },
    validation: NO_ROWS,
    onEpoch: (record) => (record.epoch >= input.epochs ? 'stop' : 'continue'),
    signal: input.signal,
  });
  return {
    featurizer,
    weights: input.temperature === 1 ? trained.weights : scaleLogits(trained.weights, input.temperature),
  };
}
