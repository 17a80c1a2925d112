/**
 * The suite's trainer as a child process of the training benchmark (so its peak RSS is measured
 * like the peers'): reads train/test JSON Lines, fits the featurizer and the model of a training
 * config with libs/ml exactly as dl-trainer does (validation carved from train for early
 * stopping), predicts the test texts with the TensorFlow.js model, and writes predictions and
 * timings as JSON.
 *
 *   tsx train-and-predict.ts <train.jsonl> <test.jsonl> <out.json> '<config options JSON>'
 */
import { readFileSync, writeFileSync } from 'node:fs';
import {
  createTfjsModel,
  fitTextFeaturizer,
  packBatch,
  stratifiedSplit,
  trainingOptionsSchema,
  trainSparseBag,
  useBackend,
  type LabelledExample,
} from '@mlops/ml';

const [trainFile, testFile, outFile, optionsJson] = process.argv.slice(2);
if (!trainFile || !testFile || !outFile)
  throw new Error('usage: train-and-predict <train.jsonl> <test.jsonl> <out.json> [options]');
const readJsonl = (file: string): LabelledExample[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as LabelledExample);

const options = trainingOptionsSchema.parse(JSON.parse(optionsJson ?? '{}'));
const seed = 42;
const backend = await useBackend('auto');
const train = readJsonl(trainFile);
const test = readJsonl(testFile);
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
const fitSeconds = (performance.now() - started) / 1000;
const predictStarted = performance.now();
const model = createTfjsModel(trained.weights);
const predictions: string[] = [];
for (let from = 0; from < test.length; from += 256) {
  const chunk = test.slice(from, from + 256);
  const probabilities = model.predict(packBatch(chunk.map((example) => featurizer.transform(example.text))));
  chunk.forEach((_, row) => {
    let best = 0;
    for (let c = 1; c < labels.length; c++)
      if ((probabilities[row * labels.length + c] ?? 0) > (probabilities[row * labels.length + best] ?? 0)) best = c;
    predictions.push(labels[best] ?? '');
  });
}
model.dispose();
writeFileSync(
  outFile,
  JSON.stringify({
    predictions,
    fitSeconds,
    predictSeconds: (performance.now() - predictStarted) / 1000,
    epochs: trained.curve.length,
    bestEpoch: trained.bestEpoch,
    features: featurizer.dimension,
    backend,
  }),
);
