/**
 * Trains the suite's default linear model once, as bench/training/suite/train-and-predict.ts does
 * (libs/ml defaults, seed 42, validation carved from train for early stopping), and writes what
 * serving needs: the ONNX model (`exportSparseBagToOnnx`), the featurizer state and a summary.
 *
 *   tsx train-export.ts <train.jsonl> <out dir>
 *   → <out dir>/model.onnx, featurizer.json, trained.json
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportSparseBagToOnnx, trainingOptionsSchema, useBackend } from '@mlops/ml';
import { fitSuiteModel, readExamples } from '../../training/suite/fit-suite-model.js';

const [trainFile, outDir] = process.argv.slice(2);
if (!trainFile || !outDir) throw new Error('usage: train-export <train.jsonl> <out dir>');
const backend = await useBackend('auto');
const { labels, featurizer, weights, epochs, bestEpoch, fitSeconds } = await fitSuiteModel(
  readExamples(trainFile),
  trainingOptionsSchema.parse({}),
  42,
);
const model = exportSparseBagToOnnx(weights, { modelName: 'spamassassin', modelVersion: 1, labels });
writeFileSync(join(outDir, 'model.onnx'), model);
writeFileSync(join(outDir, 'featurizer.json'), JSON.stringify(featurizer.toJSON()));
writeFileSync(
  join(outDir, 'trained.json'),
  JSON.stringify({
    fitSeconds,
    backend,
    features: featurizer.dimension,
    epochs,
    bestEpoch,
    modelBytes: model.byteLength,
    labels,
  }),
);
