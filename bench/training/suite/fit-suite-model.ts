import { readFileSync } from 'node:fs';
import {
  fitTextFeaturizer,
  stratifiedSplit,
  trainSparseBag,
  type LabelledExample,
  type SparseBagWeights,
  type TextFeaturizer,
  type TrainingOptions,
} from '@mlops/ml';

/** Labelled examples from a JSON Lines file written by the benchmarks. */
export function readExamples(file: string): LabelledExample[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as LabelledExample);
}

/** A model fitted by the suite's trainer for a benchmark. */
export interface FittedSuiteModel {
  readonly labels: string[];
  readonly featurizer: TextFeaturizer;
  readonly weights: SparseBagWeights;
  readonly epochs: number;
  readonly bestEpoch: number;
  readonly fitSeconds: number;
}

/**
 * Fits the featurizer and the model of a training config on the benchmark's train part exactly as
 * dl-trainer does (validation carved from train for early stopping), timing featurizer fit,
 * featurizing and training together.
 */
export async function fitSuiteModel(
  train: readonly LabelledExample[],
  options: TrainingOptions,
  seed: number,
): Promise<FittedSuiteModel> {
  const started = performance.now();
  const labels = [...new Set(train.map((example) => example.label))].sort();
  const parts = stratifiedSplit(train, { test: 0, validation: options.split.validation }, seed);
  const featurizer = fitTextFeaturizer(options.featurizer, parts.train);
  const encode = (examples: readonly LabelledExample[]) => ({
    vectors: examples.map((example) => featurizer.transform(example.text)),
    targets: Int32Array.from(examples, (example) => labels.indexOf(example.label)),
  });
  const trained = await trainSparseBag({
    model: options.model,
    optimization: options.optimization,
    featureCount: featurizer.dimension,
    classes: labels.length,
    seed,
    train: encode(parts.train),
    validation: encode(parts.validation),
  });
  return {
    labels,
    featurizer,
    weights: trained.weights,
    epochs: trained.curve.length,
    bestEpoch: trained.bestEpoch,
    fitSeconds: (performance.now() - started) / 1000,
  };
}
