import { z } from 'zod';
import type { SparseBagWeights } from '../model/network-weights.js';
import { ONNX_METADATA_KEYS } from './onnx-metadata.js';
import { OnnxProto } from './onnx-proto.js';
import { buildSparseBagGraph } from './sparse-bag-graph.js';
import { sparseBagClassCount } from './sparse-bag-shape.js';

/** IR version 8 (ONNX 1.10–1.12) and opset 17: read by every ONNX Runtime since 1.12. */
export const ONNX_IR_VERSION = 8;
/** Opset of the ai.onnx domain the exported graphs use (ReduceSum and Unsqueeze take axes as inputs). */
export const ONNX_OPSET_VERSION = 17;
/** `producer_name` of every exported model. */
export const ONNX_PRODUCER_NAME = 'mlops-suite';
const DEFAULT_PRODUCER_VERSION = '0.1.0';

/** Options of {@link exportSparseBagToOnnx}: identity and labels of the model. */
export const OnnxExportOptionsSchema = z.object({
  modelName: z.string().min(1),
  /** The registry's number when known at export; a trained folder leaves it out (the registry numbers it). */
  modelVersion: z.int().positive().optional(),
  /** One per class, in the order of the network's outputs. */
  labels: z
    .array(z.string().min(1))
    .min(1)
    .refine((labels) => new Set(labels).size === labels.length, 'labels must be unique'),
  /** Version of the exporting code, stored as `producer_version`. */
  producerVersion: z.string().min(1).default(DEFAULT_PRODUCER_VERSION),
});

/** Options of {@link exportSparseBagToOnnx} as callers write them. */
export type OnnxExportOptions = z.input<typeof OnnxExportOptionsSchema>;

/**
 * Serialises a sparse-bag network as an ONNX model (IR 8, opset 17): inputs `ids` int32 and
 * `values` float `[batch, width]`, output `probabilities` float `[batch, classes]`, weights as
 * float32 initializers, and model name, version and labels (JSON) in `metadata_props`.
 * Throws when the options are invalid, the weights inconsistent, or the labels do not match the
 * number of classes.
 */
export function exportSparseBagToOnnx(weights: SparseBagWeights, options: OnnxExportOptions): Uint8Array {
  const { modelName, modelVersion, labels, producerVersion } = OnnxExportOptionsSchema.parse(options);
  const classes = sparseBagClassCount(weights);
  if (labels.length !== classes) {
    throw new RangeError(`${labels.length} labels for a network with ${classes} classes`);
  }
  const model = OnnxProto.ModelProto.create({
    irVersion: ONNX_IR_VERSION,
    opsetImport: [{ domain: '', version: ONNX_OPSET_VERSION }],
    producerName: ONNX_PRODUCER_NAME,
    producerVersion,
    ...(modelVersion === undefined ? {} : { modelVersion }),
    graph: buildSparseBagGraph(weights, modelName),
    metadataProps: [
      { key: ONNX_METADATA_KEYS.modelName, value: modelName },
      ...(modelVersion === undefined ? [] : [{ key: ONNX_METADATA_KEYS.modelVersion, value: String(modelVersion) }]),
      { key: ONNX_METADATA_KEYS.labels, value: JSON.stringify(labels) },
    ],
  });
  return OnnxProto.ModelProto.encode(model).finish();
}
