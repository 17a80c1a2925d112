/**
 * A lower bound of the suite's serving stack, not the inference service: fastify 5 on the predict
 * route, each request featurized with the libs/ml featurizer and scored by `OnnxClassifier`
 * (libs/model-runtime, ONNX Runtime, 1 intra-op thread) in the handler, one request at a time: no
 * micro-batching, validation, logging or metrics. One process, logging off.
 *
 *   tsx suite-minimal.ts <port> <model.onnx> <featurizer.json>
 */
import { readFileSync } from 'node:fs';
import { packBatch, textFeaturizerFromJSON } from '@mlops/ml';
import { OnnxClassifier } from '@mlops/model-runtime';
import Fastify from 'fastify';

const [portArg, modelFile, featurizerFile] = process.argv.slice(2);
if (!portArg || !modelFile || !featurizerFile)
  throw new Error('usage: suite-minimal <port> <model.onnx> <featurizer.json>');
const featurizer = textFeaturizerFromJSON(JSON.parse(readFileSync(featurizerFile, 'utf8')));
const classifier = await OnnxClassifier.load(readFileSync(modelFile));
const { labels } = classifier;
const app = Fastify({ logger: false, bodyLimit: 16 * 1024 * 1024 });

app.post<{ Params: { name: string }; Body: { texts?: unknown } }>(
  '/v1/models/:name/predict',
  async (request, reply) => {
    const texts = request.body.texts;
    if (!Array.isArray(texts) || texts.length === 0 || !texts.every((text) => typeof text === 'string')) {
      return reply.code(400).send({ error: 'texts must be a non-empty array of strings' });
    }
    const probabilities = await classifier.predict(packBatch(texts.map((text: string) => featurizer.transform(text))));
    const predictions = texts.map((_, row) => {
      const scores: Record<string, number> = {};
      let best = 0;
      labels.forEach((label, column) => {
        const p = probabilities[row * labels.length + column] ?? 0;
        scores[label] = p;
        if (p > (probabilities[row * labels.length + best] ?? 0)) best = column;
      });
      return { label: labels[best] ?? '', probabilities: scores };
    });
    return { model: request.params.name, version: classifier.metadata.modelVersion ?? null, predictions };
  },
);

await app.listen({ host: '127.0.0.1', port: Number(portArg) });
