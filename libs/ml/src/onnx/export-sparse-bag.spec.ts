import type { onnx } from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../core/random.js';
import type { SparseBagWeights } from '../model/network-weights.js';
import { ONNX_IR_VERSION, ONNX_OPSET_VERSION, ONNX_PRODUCER_NAME, exportSparseBagToOnnx } from './export-sparse-bag.js';
import { OnnxElementType, OnnxProto, int64ToNumber } from './onnx-proto.js';
import { randomSparseBagWeights, type SparseBagKind } from './random-sparse-bag-weights.js';

const labels = ['ham', 'spam', 'other'];
const options = { modelName: 'spam-filter', modelVersion: 3, labels };

function weightsOf(kind: SparseBagKind): SparseBagWeights {
  return randomSparseBagWeights(createRandom(7), { kind, featureCount: 20, classes: 3, hiddenSize: 4 });
}

function decode(weights: SparseBagWeights): onnx.ModelProto {
  return OnnxProto.ModelProto.decode(exportSparseBagToOnnx(weights, options));
}

function graphOf(weights: SparseBagWeights): onnx.GraphProto {
  const graph = decode(weights).graph;
  if (!(graph instanceof OnnxProto.GraphProto)) throw new Error('no graph');
  return graph;
}

function floatsOf(graph: onnx.GraphProto, name: string): Float32Array {
  const tensor = graph.initializer.find((initializer) => initializer.name === name);
  if (!tensor) throw new Error(`no initializer ${name}`);
  expect(tensor.dataType).toBe(OnnxElementType.float);
  const bytes = tensor.rawData ?? new Uint8Array();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Float32Array.from({ length: bytes.byteLength / 4 }, (_, index) => view.getFloat32(index * 4, true));
}

function dimsOf(graph: onnx.GraphProto, name: string): (string | number)[] {
  const info = [...graph.input, ...graph.output].find((value) => value.name === name);
  return (info?.type?.tensorType?.shape?.dim ?? []).map((dim) =>
    dim.dimParam?.length ? dim.dimParam : int64ToNumber(dim.dimValue),
  );
}

describe('exportSparseBagToOnnx', () => {
  it('writes IR 8, opset 17 of the default domain, producer, version and metadata', () => {
    const model = decode(weightsOf('mlp'));
    expect(int64ToNumber(model.irVersion)).toBe(ONNX_IR_VERSION);
    expect(model.opsetImport.map((opset) => [opset.domain, int64ToNumber(opset.version)])).toEqual([
      ['', ONNX_OPSET_VERSION],
    ]);
    expect(model.producerName).toBe(ONNX_PRODUCER_NAME);
    expect(model.producerVersion).toBe('0.1.0');
    expect(int64ToNumber(model.modelVersion)).toBe(3);
    expect(model.metadataProps.map(({ key, value }) => [key, value])).toEqual([
      ['model_name', 'spam-filter'],
      ['model_version', '3'],
      ['labels', JSON.stringify(labels)],
    ]);
  });

  it('declares ids int32 and values float [batch, width] in, probabilities float [batch, classes] out', () => {
    const graph = graphOf(weightsOf('linear'));
    expect(graph.input.map((input) => [input.name, input.type?.tensorType?.elemType])).toEqual([
      ['ids', OnnxElementType.int32],
      ['values', OnnxElementType.float],
    ]);
    expect(dimsOf(graph, 'ids')).toEqual(['batch', 'width']);
    expect(dimsOf(graph, 'values')).toEqual(['batch', 'width']);
    expect(graph.output.map((output) => [output.name, output.type?.tensorType?.elemType])).toEqual([
      ['probabilities', OnnxElementType.float],
    ]);
    expect(dimsOf(graph, 'probabilities')).toEqual(['batch', 3]);
  });

  it.each<[SparseBagKind, string[]]>([
    ['embedding-bag', ['Gather', 'Unsqueeze', 'Mul', 'ReduceSum', 'MatMul', 'Add', 'Softmax']],
    ['linear', ['Gather', 'Unsqueeze', 'Mul', 'ReduceSum', 'Add', 'Softmax']],
    ['mlp', ['Gather', 'Unsqueeze', 'Mul', 'ReduceSum', 'Add', 'Relu', 'MatMul', 'Add', 'Softmax']],
  ])('chains the operators of the %s shape', (kind, operators) => {
    const graph = graphOf(weightsOf(kind));
    expect(graph.node.map((node) => node.opType)).toEqual(operators);
    const known = new Set([...graph.input, ...graph.initializer].map((value) => value.name));
    for (const node of graph.node) {
      expect((node.input ?? []).filter((input) => !known.has(input))).toEqual([]);
      (node.output ?? []).forEach((output) => known.add(output));
    }
    const consumed = new Set(graph.node.flatMap((node) => node.input ?? []));
    expect(graph.node.slice(0, -1).filter((node) => !consumed.has(node.output?.[0] ?? ''))).toEqual([]);
    expect(graph.node.at(-1)?.output).toEqual(['probabilities']);
    expect(new Set(graph.node.map((node) => node.name)).size).toBe(graph.node.length);
  });

  it('gives Gather axis 0, Unsqueeze axis -1, ReduceSum axis 1 without keepdims and Softmax axis -1', () => {
    const graph = graphOf(weightsOf('embedding-bag'));
    const attributes = (opType: string): [string, number][] =>
      (graph.node.find((node) => node.opType === opType)?.attribute ?? []).map((attribute) => [
        attribute.name ?? '',
        int64ToNumber(attribute.i),
      ]);
    expect(attributes('Gather')).toEqual([['axis', 0]]);
    expect(attributes('ReduceSum')).toEqual([['keepdims', 0]]);
    expect(attributes('Softmax')).toEqual([['axis', -1]]);
    const axes = (name: string): bigint[] => {
      const tensor = graph.initializer.find((initializer) => initializer.name === name);
      expect(tensor?.dataType).toBe(OnnxElementType.int64);
      const bytes = tensor?.rawData ?? new Uint8Array();
      return [new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getBigInt64(0, true)];
    };
    expect(axes('values_unsqueeze_axes')).toEqual([-1n]);
    expect(axes('bag_reduce_axes')).toEqual([1n]);
  });

  it('stores every weight as a little-endian float32 initializer of its shape', () => {
    const weights = weightsOf('mlp');
    const graph = graphOf(weights);
    const layer = weights.layers[0];
    if (!layer || !weights.embeddingBias) throw new Error('unexpected mlp shape');
    expect(floatsOf(graph, 'embedding')).toEqual(weights.embedding);
    expect(floatsOf(graph, 'embedding_bias')).toEqual(weights.embeddingBias);
    expect(floatsOf(graph, 'dense_0_kernel')).toEqual(layer.kernel);
    expect(floatsOf(graph, 'dense_0_bias')).toEqual(layer.bias);
    const dims = Object.fromEntries(
      graph.initializer.map((initializer): [string, number[]] => [
        initializer.name ?? '',
        (initializer.dims ?? []).map(int64ToNumber),
      ]),
    );
    expect(dims).toMatchObject({ embedding: [20, 4], embedding_bias: [4], dense_0_kernel: [4, 3], dense_0_bias: [3] });
  });

  it('has no embedding bias initializer when the weights have none', () => {
    const names = graphOf(weightsOf('embedding-bag')).initializer.map((initializer) => initializer.name);
    expect(names).not.toContain('embedding_bias');
  });

  it('takes the producer version from the options', () => {
    const bytes = exportSparseBagToOnnx(weightsOf('linear'), { ...options, producerVersion: '2.5.0' });
    expect(OnnxProto.ModelProto.decode(bytes).producerVersion).toBe('2.5.0');
  });

  it('refuses labels that do not match the classes, duplicate labels and invalid versions', () => {
    const weights = weightsOf('linear');
    expect(() => exportSparseBagToOnnx(weights, { ...options, labels: ['a', 'b'] })).toThrow(/2 labels .* 3 classes/);
    expect(() => exportSparseBagToOnnx(weights, { ...options, labels: ['a', 'b', 'a'] })).toThrow(/unique/);
    expect(() => exportSparseBagToOnnx(weights, { ...options, modelVersion: 0 })).toThrow();
    expect(() => exportSparseBagToOnnx(weights, { ...options, modelName: '' })).toThrow();
  });

  it('refuses inconsistent weights', () => {
    const weights = weightsOf('embedding-bag');
    expect(() => exportSparseBagToOnnx({ ...weights, featureCount: 21 }, options)).toThrow(/embedding has 80 values/);
  });
});
