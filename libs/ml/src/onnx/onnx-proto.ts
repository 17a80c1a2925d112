import onnxProto, { type onnx } from 'onnx-proto';

/**
 * The protobufjs-generated ONNX message classes. onnx-proto is CommonJS with no named exports that
 * Node can see from ESM, so the namespace is taken from its default export.
 */
export const OnnxProto = onnxProto.onnx;

/** ONNX element types used by the exported graphs. */
export const OnnxElementType = {
  float: OnnxProto.TensorProto.DataType.FLOAT,
  int32: OnnxProto.TensorProto.DataType.INT32,
  int64: OnnxProto.TensorProto.DataType.INT64,
} as const;

/** A tensor dimension: a fixed size, or a symbolic name such as `"batch"`. */
export type OnnxDimension = number | string;

interface LongLike {
  toNumber(): number;
}

function isLongLike(value: unknown): value is LongLike {
  return typeof value === 'object' && value !== null && typeof (value as Partial<LongLike>).toNumber === 'function';
}

/**
 * The JavaScript number of a decoded int64 field: protobufjs gives a number, or a Long when the
 * `long` package is present (its type is not visible here, hence `unknown`); absent fields are 0.
 */
export function int64ToNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  return isLongLike(value) ? value.toNumber() : 0;
}

/** A float32 tensor stored as little-endian `raw_data`, the most compact initializer encoding. */
export function floatTensor(name: string, dims: readonly number[], values: Float32Array): onnx.ITensorProto {
  const bytes = new Uint8Array(values.length * Float32Array.BYTES_PER_ELEMENT);
  const view = new DataView(bytes.buffer);
  for (let index = 0; index < values.length; index++) {
    view.setFloat32(index * Float32Array.BYTES_PER_ELEMENT, values[index] ?? 0, true);
  }
  return { name, dims: [...dims], dataType: OnnxElementType.float, rawData: bytes };
}

/** A small int64 tensor (axes and shapes), stored as little-endian `raw_data`. */
export function int64Tensor(name: string, dims: readonly number[], values: readonly number[]): onnx.ITensorProto {
  const bytes = new Uint8Array(values.length * BigInt64Array.BYTES_PER_ELEMENT);
  const view = new DataView(bytes.buffer);
  values.forEach((value, index) => {
    view.setBigInt64(index * BigInt64Array.BYTES_PER_ELEMENT, BigInt(value), true);
  });
  return { name, dims: [...dims], dataType: OnnxElementType.int64, rawData: bytes };
}

/** The declaration of a graph input or output: a tensor of one element type and shape. */
export function tensorValueInfo(name: string, elemType: number, dims: readonly OnnxDimension[]): onnx.IValueInfoProto {
  const dim = dims.map((size) => (typeof size === 'number' ? { dimValue: size } : { dimParam: size }));
  return { name, type: { tensorType: { elemType, shape: { dim } } } };
}

/** An integer attribute of a node (`axis`, `keepdims` ...). */
export function intAttribute(name: string, value: number): onnx.IAttributeProto {
  return { name, type: OnnxProto.AttributeProto.AttributeType.INT, i: value };
}

/** A node of the default (ai.onnx) domain, named after its first output. */
export function graphNode(
  opType: string,
  inputs: readonly string[],
  output: string,
  attribute: readonly onnx.IAttributeProto[] = [],
): onnx.INodeProto {
  return { name: output, opType, input: [...inputs], output: [output], attribute: [...attribute] };
}
