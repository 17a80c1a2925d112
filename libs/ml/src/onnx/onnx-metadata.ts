import { z } from 'zod';
import { OnnxProto, int64ToNumber } from './onnx-proto.js';

/** Keys of the `metadata_props` every exported model carries. */
export const ONNX_METADATA_KEYS = {
  modelName: 'model_name',
  modelVersion: 'model_version',
  labels: 'labels',
} as const;

const labelsJson = z
  .string()
  .transform((text, context) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      context.addIssue({ code: 'custom', message: 'is not JSON' });
      return z.NEVER;
    }
  })
  .pipe(z.array(z.string().min(1)).min(1));

const MetadataPropsSchema = z.object({
  [ONNX_METADATA_KEYS.modelName]: z.string().min(1),
  [ONNX_METADATA_KEYS.modelVersion]: z
    .string()
    .regex(/^[1-9]\d*$/)
    .transform(Number)
    .optional(),
  [ONNX_METADATA_KEYS.labels]: labelsJson,
});

/** What an exported model says about itself, read back from its bytes. */
export interface OnnxModelMetadata {
  readonly irVersion: number;
  /** Opset of the default (ai.onnx) domain. */
  readonly opsetVersion: number;
  readonly producerName: string;
  readonly producerVersion: string;
  readonly modelName: string;
  /** Absent in a trained folder: the registry numbers versions. */
  readonly modelVersion: number | undefined;
  /** Class labels, in the order of the probabilities. */
  readonly labels: readonly string[];
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
}

function decodeModel(bytes: Uint8Array): ReturnType<typeof OnnxProto.ModelProto.decode> {
  try {
    return OnnxProto.ModelProto.decode(bytes);
  } catch (error) {
    throw new Error('not an ONNX model: the bytes do not decode as a ModelProto', { cause: error });
  }
}

/**
 * Decodes an exported model and returns its versions, names, labels and signature. Throws when
 * the bytes are not an ONNX model or lack the metadata the exporter writes.
 */
export function readOnnxMetadata(bytes: Uint8Array): OnnxModelMetadata {
  const model = decodeModel(bytes);
  const props = Object.fromEntries(
    model.metadataProps.map((entry): [string, string] => [entry.key ?? '', entry.value ?? '']),
  );
  const parsed = MetadataPropsSchema.safeParse(props);
  if (!parsed.success) {
    throw new Error(`ONNX model metadata is invalid: ${z.prettifyError(parsed.error)}`);
  }
  const defaultOpset = model.opsetImport.find((opset) => !opset.domain || opset.domain === 'ai.onnx');
  return {
    irVersion: int64ToNumber(model.irVersion),
    opsetVersion: int64ToNumber(defaultOpset?.version),
    producerName: model.producerName,
    producerVersion: model.producerVersion,
    modelName: parsed.data[ONNX_METADATA_KEYS.modelName],
    modelVersion: parsed.data[ONNX_METADATA_KEYS.modelVersion],
    labels: parsed.data[ONNX_METADATA_KEYS.labels],
    inputNames: model.graph?.input?.map((input) => input.name ?? '') ?? [],
    outputNames: model.graph?.output?.map((output) => output.name ?? '') ?? [],
  };
}
