/**
 * Trains one model version for the reports benchmark with libs/ml's pipeline as dl-trainer runs
 * it (split, featurizer, training, calibration, evaluation, refit, ONNX export, parity check with
 * ONNX Runtime), in a child process of the benchmark. Writes the manifest, the texts of the test
 * examples the manifest names (for the errors slide) and the pipeline's timings as JSON.
 *
 *   tsx train-version.ts <job.json> <out.json>
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolveTrainingConfig, runTrainingPipeline, type TrainingRow } from '@mlops/ml';
import { checkExportedModel } from '@mlops/model-runtime';
import { trainJobSchema, type TrainedVersion } from './versions.js';

const [jobFile, outFile] = process.argv.slice(2);
if (!jobFile || !outFile) throw new Error('usage: train-version <job.json> <out.json>');

const job = trainJobSchema.parse(JSON.parse(readFileSync(jobFile, 'utf8')));
const rows = readFileSync(job.rowsFile, 'utf8')
  .split('\n')
  .filter((line) => line !== '')
  .map((line) => JSON.parse(line) as TrainingRow);

const started = performance.now();
const result = await runTrainingPipeline({
  config: resolveTrainingConfig({
    modelName: job.modelName,
    task: job.task,
    dataset: { name: job.corpus, version: 1 },
    seed: job.seed,
    config: job.config,
  }),
  rows,
  datasetContentHash: job.contentHash,
  checkExported: checkExportedModel,
  exportedRuntime: 'onnxruntime-node',
  lineage: { jobId: `bench-${job.key}`, runId: null, codeVersion: job.codeVersion },
  now: () => new Date(job.createdAt),
});
const seconds = (performance.now() - started) / 1000;

const named = new Set(
  result.manifest.metrics.test.worstConfusions.flatMap((pair) => pair.examples.map((example) => example.id)),
);
const out: TrainedVersion = {
  key: job.key,
  corpus: job.corpus,
  manifest: result.manifest,
  examples: rows.filter((row) => named.has(row.id)).map((row) => ({ id: row.id, text: row.text })),
  pipelineSeconds: seconds,
  timings: result.manifest.timings,
};
writeFileSync(outFile, JSON.stringify(out));
