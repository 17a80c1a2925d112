import { readFileSync } from 'node:fs';
import {
  calibrate,
  fitTextFeaturizer,
  refitOnAllRows,
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
  /** The logit factor of the probability calibration (1 for softmax models). */
  readonly temperature: number;
  /** Whether the model was fitted again on the whole train part after the held-out run. */
  readonly refit: boolean;
  readonly fitSeconds: number;
  /** User + system CPU seconds of the process (all threads) during the fit. */
  readonly fitCpuSeconds: number;
}

/**
 * Fits the featurizer and the model of a training config on the benchmark's train part as
 * dl-trainer's pipeline does: validation carved from train (learning curve, early stopping when
 * on, temperature calibration), then, with `split.refit`, the same recipe fitted again on the
 * whole train part (`refitOnAllRows`). The pipeline also holds out its own test part before this,
 * which the benchmark does not (its test part is outside). Times everything together.
 */
export async function fitSuiteModel(
  train: readonly LabelledExample[],
  options: TrainingOptions,
  seed: number,
): Promise<FittedSuiteModel> {
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const labels = [...new Set(train.map((example) => example.label))].sort();
  const parts = stratifiedSplit(train, { test: 0, validation: options.split.validation }, seed);
  const featurizer = fitTextFeaturizer(options.featurizer, parts.train);
  const encode = (examples: readonly LabelledExample[]) => ({
    vectors: examples.map((example) => featurizer.transform(example.text)),
    targets: Int32Array.from(examples, (example) => labels.indexOf(example.label)),
  });
  const trainData = encode(parts.train);
  const validationData = encode(parts.validation);
  const trained = await trainSparseBag({
    model: options.model,
    optimization: options.optimization,
    featureCount: featurizer.dimension,
    classes: labels.length,
    seed,
    train: trainData,
    validation: validationData,
  });
  const calibrated = calibrate(trained.weights, options.optimization.loss, validationData, trainData, labels.length);
  const served = options.split.refit
    ? await refitOnAllRows({
        options,
        rows: train,
        labels,
        seed,
        epochs: trained.bestEpoch,
        temperature: calibrated.temperature,
      })
    : { featurizer, weights: calibrated.weights };
  return {
    labels,
    featurizer: served.featurizer,
    weights: served.weights,
    epochs: trained.curve.length,
    bestEpoch: trained.bestEpoch,
    temperature: calibrated.temperature,
    refit: options.split.refit,
    fitSeconds: (performance.now() - started) / 1000,
    fitCpuSeconds: cpuSecondsSince(cpuStarted),
  };
}

function cpuSecondsSince(start: NodeJS.CpuUsage): number {
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1e6;
}
