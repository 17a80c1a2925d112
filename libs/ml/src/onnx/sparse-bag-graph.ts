import type { onnx } from 'onnx-proto';
import type { Activation, SparseBagWeights } from '../model/network-weights.js';
import { OnnxElementType, floatTensor, graphNode, int64Tensor, intAttribute, tensorValueInfo } from './onnx-proto.js';
import { sparseBagClassCount } from './sparse-bag-shape.js';
import { SPARSE_BAG_ONNX_SIGNATURE as IO } from './sparse-bag-signature.js';

interface GraphParts {
  readonly nodes: onnx.INodeProto[];
  readonly initializers: onnx.ITensorProto[];
}

function addActivation(parts: GraphParts, input: string, activation: Activation, output: string): string {
  if (activation === 'linear') return input;
  parts.nodes.push(graphNode('Relu', [input], output));
  return output;
}

/** `Σ_j values_j · embedding[ids_j]` per row: Gather, Mul by the unsqueezed values, ReduceSum over the width. */
function addEmbeddingBag(parts: GraphParts, weights: SparseBagWeights): string {
  parts.initializers.push(
    floatTensor('embedding', [weights.featureCount, weights.embeddingSize], weights.embedding),
    int64Tensor('values_unsqueeze_axes', [1], [-1]),
    int64Tensor('bag_reduce_axes', [1], [1]),
  );
  parts.nodes.push(
    graphNode('Gather', ['embedding', IO.ids], 'bag_rows', [intAttribute('axis', 0)]),
    graphNode('Unsqueeze', [IO.values, 'values_unsqueeze_axes'], 'bag_weights'),
    graphNode('Mul', ['bag_rows', 'bag_weights'], 'bag_weighted_rows'),
    graphNode('ReduceSum', ['bag_weighted_rows', 'bag_reduce_axes'], 'bag_sum', [intAttribute('keepdims', 0)]),
  );
  let output = 'bag_sum';
  if (weights.embeddingBias !== null) {
    parts.initializers.push(floatTensor('embedding_bias', [weights.embeddingSize], weights.embeddingBias));
    parts.nodes.push(graphNode('Add', [output, 'embedding_bias'], 'bag_biased'));
    output = 'bag_biased';
  }
  return addActivation(parts, output, weights.embeddingActivation, 'bag_activated');
}

function addDenseLayers(parts: GraphParts, weights: SparseBagWeights, input: string): string {
  return weights.layers.reduce((layerInput, layer, index) => {
    const prefix = `dense_${index}`;
    parts.initializers.push(
      floatTensor(`${prefix}_kernel`, [layer.inputSize, layer.outputSize], layer.kernel),
      floatTensor(`${prefix}_bias`, [layer.outputSize], layer.bias),
    );
    parts.nodes.push(
      graphNode('MatMul', [layerInput, `${prefix}_kernel`], `${prefix}_product`),
      graphNode('Add', [`${prefix}_product`, `${prefix}_bias`], `${prefix}_output`),
    );
    return addActivation(parts, `${prefix}_output`, layer.activation, `${prefix}_activated`);
  }, input);
}

/**
 * The ONNX graph of a sparse-bag network: embedding bag (+ bias, activation), the dense layers,
 * then softmax over the classes. Weights become float32 initializers. Throws a RangeError when
 * the weights are inconsistent.
 */
export function buildSparseBagGraph(weights: SparseBagWeights, name: string): onnx.IGraphProto {
  const classes = sparseBagClassCount(weights);
  const parts: GraphParts = { nodes: [], initializers: [] };
  const logits = addDenseLayers(parts, weights, addEmbeddingBag(parts, weights));
  parts.nodes.push(graphNode('Softmax', [logits], IO.probabilities, [intAttribute('axis', -1)]));
  return {
    name,
    node: parts.nodes,
    initializer: parts.initializers,
    input: [
      tensorValueInfo(IO.ids, OnnxElementType.int32, ['batch', 'width']),
      tensorValueInfo(IO.values, OnnxElementType.float, ['batch', 'width']),
    ],
    output: [tensorValueInfo(IO.probabilities, OnnxElementType.float, ['batch', classes])],
  };
}
