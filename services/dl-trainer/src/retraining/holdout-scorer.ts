import type { DatasetRecord, HoldoutScore } from '@mlops/contracts';
import { evaluate } from '@mlops/ml';
import { packBatch, readManifest, textFeaturizerFromState } from '@mlops/ml/serving';
import { OnnxClassifier } from '@mlops/model-runtime';
import { readModelFile, type ModelRegistry } from '../registry/index.js';

const BATCH_ROWS = 32;

/**
 * Scores a registered model version on labelled records (a frozen holdout version): the version's
 * own featurizer (rebuilt from its manifest) and its ONNX model in ONNX Runtime, the predicted
 * class being the most probable one (decision rules are not applied). Holdout labels the model
 * does not know count as misses; macro-F1 is over the classes present in the truth or the
 * predictions (scikit-learn's default), as in training's evaluation.
 */
export async function scoreOnHoldout(
  registry: ModelRegistry,
  name: string,
  version: number,
  records: readonly DatasetRecord[],
): Promise<HoldoutScore> {
  const manifest = readManifest(await readModelFile(registry, name, version, 'manifest.json'));
  const onnx = await readModelFile(registry, name, version, manifest.input.file);
  const featurizer = textFeaturizerFromState(manifest.preprocessing.featurizer);
  const classifier = await OnnxClassifier.load(onnx, { intraOpThreads: 1 });
  try {
    const modelLabels = classifier.labels;
    const labels = [...modelLabels, ...new Set(records.map((r) => r.label).filter((l) => !modelLabels.includes(l)))];
    const probabilities = new Float32Array(records.length * labels.length);
    for (let start = 0; start < records.length; start += BATCH_ROWS) {
      const rows = records.slice(start, start + BATCH_ROWS);
      const predicted = await classifier.predict(packBatch(rows.map((row) => featurizer.transform(row.text))));
      rows.forEach((_row, index) => {
        const from = predicted.subarray(index * modelLabels.length, (index + 1) * modelLabels.length);
        probabilities.set(from, (start + index) * labels.length);
      });
    }
    const report = evaluate({
      labels,
      truth: records.map((record) => labels.indexOf(record.label)),
      probabilities,
      ids: records.map((record) => record.documentId),
    });
    return {
      version,
      macroF1: report.macroF1,
      accuracy: report.accuracy,
      perClassF1: Object.fromEntries(
        Object.entries(report.perClass)
          .filter(([, metrics]) => metrics.support > 0)
          .map(([label, metrics]) => [label, metrics.f1]),
      ),
      examples: records.length,
    };
  } finally {
    await classifier.release();
  }
}
