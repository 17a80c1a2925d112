/**
 * Trains the suite's default linear model once, as bench/training/suite/train-and-predict.ts does
 * (libs/ml defaults, seed 42, validation carved from train for early stopping), and writes what
 * serving needs: the ONNX model (`exportSparseBagToOnnx`), the featurizer state and a summary.
 *
 *   tsx train-export.ts <train.jsonl> <out dir>
 *   → <out dir>/model.onnx, featurizer.json, trained.json
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  exportSparseBagToOnnx,
  fitTextFeaturizer,
  stratifiedSplit,
  trainingOptionsSchema,
  trainSparseBag,
  useBackend,
  type LabelledExample,
} from '@mlops/ml';

const [trainFile, outDir] = process.argv.slice(2);
if (!trainFile || !outDir) throw new Error('usage: train-export <train.jsonl> <out dir>');
const train = readFileSync(trainFile, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as LabelledExample);

const options = trainingOptionsSchema.parse({});
const seed = 42;
const backend = await useBackend('auto');
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
const model = exportSparseBagToOnnx(trained.weights, { modelName: 'spamassassin', modelVersion: 1, labels });
writeFileSync(join(outDir, 'model.onnx'), model);
writeFileSync(join(outDir, 'featurizer.json'), JSON.stringify(featurizer.toJSON()));
writeFileSync(
  join(outDir, 'trained.json'),
  JSON.stringify({
    fitSeconds,
    backend,
    features: featurizer.dimension,
    epochs: trained.curve.length,
    bestEpoch: trained.bestEpoch,
    modelBytes: model.byteLength,
    labels,
  }),
);
