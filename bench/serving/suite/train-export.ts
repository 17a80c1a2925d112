/**
 * Trains the suite's default linear model once through dl-trainer's path, `runTrainingPipeline`
 * (libs/ml defaults, seed 42: 20% of the benchmark's train part held out for the pipeline's own
 * test evaluation and 10% for early stopping, ONNX export checked against ONNX Runtime), and
 * writes what serving needs: the model folder the registry would hold (`folder/manifest.json` +
 * `folder/model.onnx`), the same ONNX model and featurizer state as loose files for the servers
 * that read them directly, and a summary.
 *
 *   tsx train-export.ts <train.jsonl> <out dir>
 *   → <out dir>/model.onnx, featurizer.json, folder/manifest.json, folder/model.onnx, trained.json
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveTrainingConfig, runTrainingPipeline } from '@mlops/ml';
import { checkExportedModel } from '@mlops/model-runtime';
import { readExamples } from '../../training/suite/fit-suite-model.js';

const [trainFile, outDir] = process.argv.slice(2);
if (!trainFile || !outDir) throw new Error('usage: train-export <train.jsonl> <out dir>');
const rows = readExamples(trainFile).map((example) => ({
  ...example,
  textSha256: createHash('sha256').update(example.text).digest('hex'),
}));
const started = performance.now();
const result = await runTrainingPipeline({
  config: resolveTrainingConfig({
    modelName: 'spamassassin',
    task: 'spam',
    dataset: { name: 'spamassassin', version: 1 },
    seed: 42,
    config: {},
  }),
  rows,
  datasetContentHash: createHash('sha256')
    .update(rows.map((row) => row.textSha256).join('\n'))
    .digest('hex'),
  checkExported: checkExportedModel,
  exportedRuntime: 'onnxruntime-node',
  lineage: { jobId: null, runId: null, codeVersion: 'bench' },
});
const fitSeconds = (performance.now() - started) / 1000;
const folder = join(outDir, 'folder');
mkdirSync(folder, { recursive: true });
for (const file of result.files) writeFileSync(join(folder, file.path), file.content);
const onnx = result.files.find((file) => file.path === 'model.onnx')?.content;
if (!onnx) throw new Error('the pipeline wrote no model.onnx');
const { manifest } = result;
writeFileSync(join(outDir, 'model.onnx'), onnx);
writeFileSync(join(outDir, 'featurizer.json'), JSON.stringify(manifest.preprocessing.featurizer));
writeFileSync(
  join(outDir, 'trained.json'),
  JSON.stringify({
    fitSeconds,
    backend: manifest.environment.backend,
    features: manifest.input.featureCount,
    epochs: manifest.metrics.curve.length,
    bestEpoch: manifest.metrics.bestEpoch,
    modelBytes: onnx.byteLength,
    labels: manifest.labels,
  }),
);
