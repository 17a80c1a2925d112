import { describe, expect, it } from 'vitest';
import { createRandom } from '../core/random.js';
import { exportSparseBagToOnnx } from './export-sparse-bag.js';
import { readOnnxMetadata } from './onnx-metadata.js';
import { OnnxProto } from './onnx-proto.js';
import { randomSparseBagWeights } from './random-sparse-bag-weights.js';

const weights = randomSparseBagWeights(createRandom(1), { kind: 'linear', featureCount: 5, classes: 2, hiddenSize: 0 });

function modelWithProps(props: Record<string, string>): Uint8Array {
  const metadataProps = Object.entries(props).map(([key, value]) => ({ key, value }));
  return OnnxProto.ModelProto.encode(OnnxProto.ModelProto.create({ irVersion: 8, metadataProps })).finish();
}

describe('readOnnxMetadata', () => {
  it('reads back what the exporter wrote', () => {
    const bytes = exportSparseBagToOnnx(weights, { modelName: 'invoices', modelVersion: 12, labels: ['no', 'yes'] });
    expect(readOnnxMetadata(bytes)).toEqual({
      irVersion: 8,
      opsetVersion: 17,
      producerName: 'mlops-suite',
      producerVersion: '0.1.0',
      modelName: 'invoices',
      modelVersion: 12,
      labels: ['no', 'yes'],
      inputNames: ['ids', 'values'],
      outputNames: ['probabilities'],
    });
  });

  it('refuses bytes that are not a ModelProto', () => {
    expect(() => readOnnxMetadata(new Uint8Array([0xff, 0xff, 0xff, 0xff]))).toThrow(/not an ONNX model/);
  });

  it('refuses a model without the exporter metadata, naming what is wrong', () => {
    expect(() => readOnnxMetadata(modelWithProps({}))).toThrow(/metadata is invalid[\s\S]*model_name/);
    const props = { model_name: 'm', model_version: '1' };
    expect(() => readOnnxMetadata(modelWithProps({ ...props, labels: '[oops' }))).toThrow(/not JSON/);
    expect(() => readOnnxMetadata(modelWithProps({ ...props, labels: '[]' }))).toThrow(/labels/);
    expect(() => readOnnxMetadata(modelWithProps({ ...props, model_version: 'v1', labels: '["a"]' }))).toThrow(
      /model_version/,
    );
  });

  it('reads a model without graph or opset as having no inputs, outputs or opset', () => {
    const metadata = readOnnxMetadata(modelWithProps({ model_name: 'm', model_version: '2', labels: '["a"]' }));
    expect(metadata).toMatchObject({ opsetVersion: 0, inputNames: [], outputNames: [], modelVersion: 2 });
  });
});
