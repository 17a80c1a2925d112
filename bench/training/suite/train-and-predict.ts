/**
 * The suite's trainer as a child process of the training benchmark (so its peak RSS is measured
 * like the peers'): reads train/test JSON Lines, fits the featurizer and the model of a training
 * config with libs/ml as dl-trainer does (see `fitSuiteModel`), predicts the test texts with the TensorFlow.js model, and writes predictions and
 * timings as JSON.
 *
 *   tsx train-and-predict.ts <train.jsonl> <test.jsonl> <out.json> '<config options JSON>'
 */
import { writeFileSync } from 'node:fs';
import { createTfjsModel, packBatch, trainingOptionsSchema, useBackend } from '@mlops/ml';
import { fitSuiteModel, readExamples } from './fit-suite-model.js';

const [trainFile, testFile, outFile, optionsJson] = process.argv.slice(2);
if (!trainFile || !testFile || !outFile)
  throw new Error('usage: train-and-predict <train.jsonl> <test.jsonl> <out.json> [options]');

const options = trainingOptionsSchema.parse(JSON.parse(optionsJson ?? '{}'));
const backend = await useBackend('auto');
const train = readExamples(trainFile);
const test = readExamples(testFile);
const { labels, featurizer, weights, epochs, bestEpoch, temperature, refit, fitSeconds, fitCpuSeconds } =
  await fitSuiteModel(train, options, 42);
const predictStarted = performance.now();
const model = createTfjsModel(weights);
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
    fitCpuSeconds,
    predictSeconds: (performance.now() - predictStarted) / 1000,
    epochs,
    bestEpoch,
    temperature,
    refit,
    features: featurizer.dimension,
    backend,
  }),
);
