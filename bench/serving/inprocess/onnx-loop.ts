/**
 * ONNX Runtime in-process, no HTTP: the libs/ml featurizer + `OnnxClassifier.predict`
 * (libs/model-runtime, 1 intra-op thread) called in a loop, one call after another, for each batch
 * size, bounded in time. First predicts the whole test part once (accuracy, and a warm-up).
 *
 *   tsx onnx-loop.ts <model.onnx> <featurizer.json> <test.jsonl> <texts.json> <seconds> <out.json>
 *   texts.json: { "<body name>": [texts], ... }, one loop per body, keyed by its name in out.json
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { packBatch, textFeaturizerFromJSON, type LabelledExample } from '@mlops/ml';
import { OnnxClassifier } from '@mlops/model-runtime';

const [modelFile, featurizerFile, testFile, textsFile, secondsArg, outFile] = process.argv.slice(2);
if (!modelFile || !featurizerFile || !testFile || !textsFile || !secondsArg || !outFile) {
  throw new Error('usage: onnx-loop <model.onnx> <featurizer.json> <test.jsonl> <texts.json> <seconds> <out.json>');
}
const seconds = Number(secondsArg);
const featurizer = textFeaturizerFromJSON(JSON.parse(readFileSync(featurizerFile, 'utf8')));
const classifier = await OnnxClassifier.load(readFileSync(modelFile));
const { labels } = classifier;

const predict = async (texts: readonly string[]): Promise<Float32Array> =>
  classifier.predict(packBatch(texts.map((text) => featurizer.transform(text))));

const test = readFileSync(testFile, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as LabelledExample);
let correct = 0;
for (let from = 0; from < test.length; from += 32) {
  const chunk = test.slice(from, from + 32);
  const probabilities = await predict(chunk.map((example) => example.text));
  chunk.forEach((example, row) => {
    let best = 0;
    for (let c = 1; c < labels.length; c++)
      if ((probabilities[row * labels.length + c] ?? 0) > (probabilities[row * labels.length + best] ?? 0)) best = c;
    if (labels[best] === example.label) correct += 1;
  });
}

const quantile = (sorted: Float64Array, q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;

const bodies = JSON.parse(readFileSync(textsFile, 'utf8')) as Record<string, string[]>;
const loops: Record<string, unknown> = {};
for (const [size, texts] of Object.entries(bodies)) {
  const warmUntil = performance.now() + 500;
  while (performance.now() < warmUntil) await predict(texts);
  let latencies = new Float64Array(1 << 16);
  let calls = 0;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const end = started + seconds * 1000;
  for (let now = started; now < end;) {
    await predict(texts);
    const after = performance.now();
    if (calls === latencies.length) {
      const grown = new Float64Array(latencies.length * 2);
      grown.set(latencies);
      latencies = grown;
    }
    latencies[calls++] = after - now;
    now = after;
  }
  const elapsed = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const sorted = latencies.subarray(0, calls).sort();
  loops[size] = {
    batch: texts.length,
    calls,
    seconds: elapsed,
    callsPerSecond: calls / elapsed,
    textsPerSecond: (calls * texts.length) / elapsed,
    p50Ms: quantile(sorted, 0.5),
    p99Ms: quantile(sorted, 0.99),
    cpuMsPerCall: (cpu.user + cpu.system) / 1000 / calls,
  };
}
await classifier.release();
writeFileSync(outFile, JSON.stringify({ accuracy: correct / test.length, testExamples: test.length, loops }));
