import { packBatch, readManifest, textFeaturizerFromJSON } from '@mlops/ml/serving';
import { OnnxClassifier } from '@mlops/model-runtime';
import type { ModelFolder } from './train-topic-model.js';

/** What ONNX Runtime gives for the texts, computed directly with libs/ml, outside the service: one row of label probabilities per text. */
export async function directProbabilities(folder: ModelFolder, texts: readonly string[]): Promise<number[][]> {
  const manifest = readManifest(folder.get('manifest.json') ?? Buffer.alloc(0));
  const featurizer = textFeaturizerFromJSON(manifest.preprocessing.featurizer);
  const classifier = await OnnxClassifier.load(folder.get('model.onnx') ?? Buffer.alloc(0));
  try {
    const flat = await classifier.predict(packBatch(texts.map((text) => featurizer.transform(text))));
    const width = manifest.labels.length;
    return texts.map((_, row) => Array.from(flat.slice(row * width, (row + 1) * width)));
  } finally {
    await classifier.release();
  }
}
